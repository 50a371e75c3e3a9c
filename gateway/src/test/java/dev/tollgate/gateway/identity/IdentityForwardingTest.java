package dev.tollgate.gateway.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.tollgate.gateway.GatewayApplication;
import dev.tollgate.gateway.GatewayDatabase;
import dev.tollgate.gateway.ServiceStandIn;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.IdentityHeaders;
import dev.tollgate.platform.identity.InternalTokenVerifier;
import dev.tollgate.platform.test.FreePorts;
import dev.tollgate.platform.test.SignedCaller;
import dev.tollgate.platform.test.TestKafka;

/** The service behind the gateway (here a WireMock) sees only the verified caller, as a token for itself, never what the client claimed. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME, "tollgate.gateway.jwt.dev-issuer-enabled=true",
                "tollgate.stripe.webhook.secret=whsec_identity_forwarding_test" })
class IdentityForwardingTest {

    static final WireMockServer SERVICE = ServiceStandIn.started();

    @LocalServerPort
    int port;
    @Autowired
    DevTokenIssuer issuer;
    @Value("${tollgate.identity.jwks}")
    String servicesJwks;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        GatewayDatabase.register(registry);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("TOLLGATE_SUBSCRIPTION_URL", SERVICE::baseUrl);
        registry.add("TOLLGATE_BILLING_URL", () -> "http://localhost:" + FreePorts.next());
    }

    @AfterAll
    static void stop() {
        SERVICE.stop();
    }

    @Test
    void aVerifiedCallerIsForwardedAsATokenForTheTargetServiceAndClientClaimsAreDropped() throws Exception {
        String token = issuer.mint("user_1", "acct_real", "u1@example.com", List.of("owner"), Duration.ofMinutes(5)).token();
        String forgedIdentity = SignedCaller.identityHeaders(new CallerIdentity("user_x", "acct_victim", null, List.of()),
                "subscription-service").get(IdentityHeaders.IDENTITY);

        HttpResponse<String> response = get("/api/subscriptions/me", Map.of("Authorization", "Bearer " + token,
                IdentityHeaders.IDENTITY, forgedIdentity, "X-Tollgate-Account-Id", "acct_victim"));

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedRequest forwarded = SERVICE.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()))
                .getLast();
        assertThat(forwarded.getHeaders().getHeader("X-Tollgate-Account-Id").isPresent()).isFalse();
        assertThat(forwarded.getHeaders().getHeader(IdentityHeaders.IDENTITY).values()).hasSize(1);
        String identity = forwarded.getHeader(IdentityHeaders.IDENTITY);
        CallerIdentity expected = new CallerIdentity("user_1", "acct_real", "u1@example.com", List.of("owner"));
        assertThat(verifierFor("subscription-service").verify(identity)).contains(expected);
        assertThat(verifierFor("billing-service").verify(identity)).isEmpty();
    }

    @Test
    void theDevelopmentIssuerRefusesAnAccountIdTheGatewayWouldRefuse() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/dev/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"user_1\",\"accountId\":\"#{1}\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("account id '#{1}' from accountId is not valid");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        DevTokenIssuer stranger = new DevTokenIssuer("tollgate-dev", "tollgate-api", "account_id", java.time.Clock.systemUTC());
        String token = stranger.mint("user_2", "acct_real", null, List.of(), Duration.ofMinutes(5)).token();

        HttpResponse<String> response = get("/api/subscriptions/me", Map.of("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = issuer.mint("user_3", "acct_real", null, List.of(), Duration.ofSeconds(-120)).token();

        assertThat(get("/api/subscriptions/me", Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(401);
    }

    @Test
    void aServiceThatIsDownIsAServiceUnavailableProblem() throws Exception {
        String token = issuer.mint("user_4", "acct_real", null, List.of(), Duration.ofMinutes(5)).token();

        HttpResponse<String> response = get("/api/billing/plans", Map.of("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("/api/billing/plans is not reachable");
    }

    private InternalTokenVerifier verifierFor(String service) {
        return InternalTokenVerifier.fromJwks(servicesJwks, service, Duration.ofSeconds(5), Clock.systemUTC(), "jwks");
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
