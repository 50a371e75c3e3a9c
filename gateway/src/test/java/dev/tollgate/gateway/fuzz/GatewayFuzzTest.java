package dev.tollgate.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
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
import dev.tollgate.platform.test.fuzz.ProblemContract;
import dev.tollgate.platform.test.fuzz.RawHttp;
import dev.tollgate.platform.test.fuzz.RequestFuzzer;

/**
 * Thousands of seeded random requests against every route and the allowlist of a real gateway (the
 * services are a WireMock that answers everything, so no 503 is expected): none may get a 5xx, and
 * every 4xx must be a problem detail. A failure names the seed and the request, to replay it.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME,
                "tollgate.stripe.webhook.secret=whsec_gateway_fuzz_test", "tollgate.gateway.jwt.dev-issuer-enabled=true",
                "tollgate.stripe.webhook.publish-timeout=3s",
                // One account sends all the requests: a plan-sized limit would turn most of them into 429s.
                "tollgate.gateway.rate-limit.default-per-minute=1000000", "tollgate.gateway.rate-limit.default-per-day=1000000" })
class GatewayFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 20_260_522L);
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 3_000);
    static final WireMockServer SERVICES = ServiceStandIn.started();
    static final List<String> PATHS = List.of("/api/billing/plans", "/api/catalog", "/api/catalog/plans",
            "/api/subscriptions/me", "/api/entitlements/me", "/api/community/access/me", "/api/tickets/allowance/me",
            "/api/notifications/me", "/webhooks/stripe", "/dev/tokens", "/dev/jwks.json", "/livez", "/readyz", "/",
            "/error", "/actuator/prometheus", "/unknown");

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

    /**
     * The stand-in's own web server (Jetty) refuses some bodies the gateway rightly passes on (a form
     * body with bad percent-encoding); its error page is relayed unchanged. That answer is WireMock's,
     * not the gateway's, and the end-to-end fuzz covers what the real services answer instead.
     */
    private static boolean fromStandIn(RawHttp.Response response) {
        String body = response.body();
        return body.contains("<h2>HTTP ERROR ") || body.startsWith("<h1>Bad Message")
                || body.contains("com.github.tomakehurst.wiremock");
    }

    @Test
    void randomRequestsGetNoServerErrorAndEveryErrorIsAProblemDetail() throws Exception {
        String token = issuer.mint("user_fuzz", "acct_fuzz", null, List.of("owner"), Duration.ofHours(1)).token();
        RequestFuzzer fuzzer = new RequestFuzzer(SEED, PATHS, List.of(Map.entry("Authorization", "Bearer " + token)),
                50);
        List<String> violations = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int standInFailures = 0;

        for (int i = 0; i < REQUESTS; i++) {
            RawHttp.Request request = fuzzer.next();
            RawHttp.Response response = RawHttp.send("localhost", port, request);
            statuses.merge(response.status(), 1, Integer::sum);
            if (fromStandIn(response)) {
                standInFailures++;
                continue;
            }
            String violation = ProblemContract.violation(request, response, Set.of());
            if (violation != null) {
                violations.add("#" + i + " " + request.describe() + "\n    -> " + violation);
            }
        }

        System.out.println("Gateway fuzz, seed " + SEED + ", answers by status: " + statuses + "; " + standInFailures
                + " error pages of the stand-in passed through");
        assertThat(standInFailures).as("requests the stand-in, not the gateway, failed").isLessThan(REQUESTS / 50);
        assertThat(statuses.keySet()).as("the fuzz reaches the services, not only the refusals").contains(200);
        assertThat(violations).as("seed %d: %d of %d requests broke the error contract", SEED, violations.size(), REQUESTS)
                .isEmpty();
    }
}
