package dev.tollgate.gateway.access;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.tollgate.gateway.GatewayApplication;
import dev.tollgate.gateway.GatewayDatabase;
import dev.tollgate.gateway.ServiceStandIn;
import dev.tollgate.gateway.identity.DevTokenIssuer;
import dev.tollgate.platform.test.TestKafka;

/**
 * CORS for the configured frontend origin only, decided at the gateway: the services (a WireMock) never
 * see a preflight.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME,
                "tollgate.stripe.webhook.secret=whsec_cors_test", "tollgate.gateway.jwt.dev-issuer-enabled=true",
                "TOLLGATE_CORS_ALLOWED_ORIGINS=https://app.example.com, http://localhost:5173" })
class CorsTest {

    static final String FRONTEND = "https://app.example.com";
    static final WireMockServer SERVICES = ServiceStandIn.started();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    DevTokenIssuer issuer;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        GatewayDatabase.register(registry);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        ServiceStandIn.routeEveryServiceTo(SERVICES, registry);
    }

    @AfterAll
    static void stop() {
        SERVICES.stop();
    }

    @BeforeEach
    void forgetRequests() {
        SERVICES.resetRequests();
    }

    @Test
    void aPreflightFromAConfiguredOriginIsAnsweredAtTheGatewayWithoutAToken() throws Exception {
        HttpResponse<String> response = preflight("/api/subscriptions/me", FRONTEND, "POST", "authorization,content-type");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(FRONTEND);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("authorization").contains("content-type");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(SERVICES.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aPreflightFromAnotherOriginIsAForbiddenProblemWithoutCorsHeaders() throws Exception {
        HttpResponse<String> response = preflight("/api/subscriptions/me", "https://evil.example", "GET", "authorization");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":403").contains("allowed-origins");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(SERVICES.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aPreflightAskingForAHeaderOutsideTheListIsRefused() throws Exception {
        HttpResponse<String> response = preflight("/api/subscriptions/me", FRONTEND, "GET", "x-tollgate-identity");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aRealRequestFromTheConfiguredOriginCarriesTheAllowOriginHeaderOnce() throws Exception {
        String token = issuer.mint("user_cors", "acct_cors", null, List.of("owner"), Duration.ofMinutes(5)).token();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/subscriptions/me"))
                .header("Origin", FRONTEND).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Access-Control-Allow-Origin")).containsExactly(FRONTEND);
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("RateLimit");
        assertThat(SERVICES.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void aRealRequestFromTheConfiguredOriginStillNeedsAToken() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/subscriptions/me"))
                .header("Origin", FRONTEND).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        // The browser may read the 401 problem, so the frontend can send its user to log in.
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(FRONTEND);
        assertThat(SERVICES.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    private HttpResponse<String> preflight(String path, String origin, String method, String headers) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
