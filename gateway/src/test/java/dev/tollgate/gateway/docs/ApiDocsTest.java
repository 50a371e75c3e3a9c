package dev.tollgate.gateway.docs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.gateway.GatewayApplication;
import dev.tollgate.gateway.GatewayDatabase;
import dev.tollgate.platform.test.FreePorts;
import dev.tollgate.platform.test.TestKafka;

/**
 * The merged document from services stood in for by WireMock (billing and tickets answer a document each,
 * with a schema name both use for different shapes; notifications cannot be reached), public and valid.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME,
                "tollgate.stripe.webhook.secret=whsec_api_docs_test", "tollgate.gateway.jwt.dev-issuer-enabled=true",
                "tollgate.gateway.api-docs.cache-ttl=1h" })
class ApiDocsTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final WireMockServer BILLING = serving("""
            {"openapi":"3.1.0","info":{"title":"Tollgate billing-service","version":"v1"},
             "paths":{"/api/billing/plans":{"get":{"operationId":"plans","responses":{"200":{"description":"ok",
               "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Plan"}}}}}}},
              "/api/catalog":{"get":{"operationId":"catalog","security":[],"responses":{"200":{"description":"ok"}}}}},
             "components":{"schemas":{"Plan":{"type":"object","properties":{"id":{"type":"string"}}}}}}""");
    static final WireMockServer TICKETS = serving("""
            {"openapi":"3.1.0","info":{"title":"Tollgate ticket-service","version":"v1"},
             "paths":{"/api/tickets":{"post":{"operationId":"open","responses":{"201":{"description":"ok",
               "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Plan"}}}}}}}},
             "components":{"schemas":{"Plan":{"type":"object","properties":{"tickets":{"type":"integer"}}}}}}""");
    static final WireMockServer OTHERS = serving("{}");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        GatewayDatabase.register(registry);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("TOLLGATE_BILLING_URL", BILLING::baseUrl);
        registry.add("TOLLGATE_TICKET_URL", TICKETS::baseUrl);
        registry.add("TOLLGATE_NOTIFICATION_URL", () -> "http://127.0.0.1:" + FreePorts.next());
        for (String service : new String[] { "SUBSCRIPTION", "ENTITLEMENT", "COMMUNITY" }) {
            registry.add("TOLLGATE_" + service + "_URL", OTHERS::baseUrl);
        }
    }

    @AfterAll
    static void stop() {
        BILLING.stop();
        TICKETS.stop();
        OTHERS.stop();
    }

    @Test
    void theMergedDocumentIsPublicListsTheServicesAndTheGatewaysOwnEndpointsAndValidatesAsOpenApi31() throws Exception {
        HttpResponse<String> answer = fetch("/v3/api-docs");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.path("openapi").asString()).startsWith("3.1");
        assertThat(document.path("paths").propertyNames()).contains("/api/billing/plans", "/api/catalog", "/api/tickets",
                "/webhooks/stripe", "/dev/tokens", "/dev/jwks.json", "/livez", "/readyz", "/v3/api-docs", "/docs");
        assertThat(document.at("/paths/~1api~1tickets/post/operationId").asString()).isEqualTo("ticket_open");
        assertThat(document.at("/paths/~1api~1tickets/post/tags/0").asString()).isEqualTo("ticket-service");
        // The same schema name with two shapes: the later service's is renamed, and its reference follows.
        assertThat(document.at("/components/schemas/Plan/properties/id").isMissingNode()).isFalse();
        assertThat(document.at("/components/schemas/ticket-service.Plan/properties/tickets").isMissingNode()).isFalse();
        assertThat(document.at("/paths/~1api~1tickets/post/responses/201/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/ticket-service.Plan");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");

        SwaggerParseResult parsed = new OpenAPIParser().readContents(answer.body(), null, null);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
    }

    @Test
    void aServiceThatCannotBeReachedIsNamedAndTheRestIsServedFromTheCache() throws Exception {
        fetch("/v3/api-docs");
        int fetchedBefore = BILLING.findAll(getRequestedFor(urlEqualTo("/v3/api-docs"))).size();
        int failedBefore = OTHERS.findAll(getRequestedFor(urlEqualTo("/v3/api-docs"))).size();

        HttpResponse<String> answer = fetch("/v3/api-docs");

        JsonNode document = JSON.readTree(answer.body());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Tollgate-Missing-Services").orElseThrow()).contains("notification-service");
        assertThat(document.at("/info/x-tollgate-missing-services").toString()).contains("notification-service")
                .doesNotContain("billing-service");
        assertThat(document.at("/info/description").asString()).contains("notification-service");
        assertThat(document.path("paths").has("/api/billing/plans")).isTrue();
        assertThat(BILLING.findAll(getRequestedFor(urlEqualTo("/v3/api-docs")))).hasSize(fetchedBefore);
        assertThat(OTHERS.findAll(getRequestedFor(urlEqualTo("/v3/api-docs")))).as("a failed fetch is remembered for the TTL, "
                + "so an anonymous caller cannot make the gateway ask a broken service on every request").hasSize(failedBefore);
    }

    @Test
    void swaggerUiAndItsAssetsArePublic() throws Exception {
        HttpResponse<String> page = fetch("/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("/v3/api-docs").contains("swagger-ui-bundle.js");

        assertThat(fetch("/docs/swagger-ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
        assertThat(fetch("/docs/swagger-ui/swagger-ui.css").statusCode()).isEqualTo(200);
        // Deny by default still holds next to them.
        assertThat(fetch("/docs-and-more").statusCode()).isEqualTo(401);
        assertThat(fetch("/v3/api-docs/other").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> fetch(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static WireMockServer serving(String document) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().http2PlainDisabled(true));
        server.start();
        server.stubFor(get(urlEqualTo("/v3/api-docs")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(document)));
        return server;
    }
}
