package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tollgate.platform.test.FreePorts;
import dev.tollgate.platform.test.fuzz.ProblemContract;
import dev.tollgate.platform.test.fuzz.RawHttp;
import dev.tollgate.platform.test.fuzz.RequestFuzzer;

/**
 * Seeded random requests with a valid development token against every endpoint of every service,
 * through the gateway to the real services: the services' own error handling must keep the
 * contract too (no 5xx, every error a problem detail). A failure names the seed and the request.
 */
@ExtendWith(NeedsDockerForContainers.class)
class PlatformFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 20_261_122L);
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 1_500);
    static final List<String> ENDPOINTS = List.of("/api/billing/plans", "/api/catalog", "/api/subscriptions/me",
            "/api/entitlements/me", "/api/community/access/me", "/api/tickets/allowance/me", "/api/notifications/me",
            "/webhooks/stripe", "/dev/tokens", "/readyz");

    private static Infrastructure infrastructure;
    private static TollgatePlatform platform;

    /** No request here can be a valid signed webhook, so nothing mails or calls Stripe: both point at closed ports. */
    @BeforeAll
    static void startPlatform() {
        infrastructure = Infrastructure.selected();
        platform = new TollgatePlatform(infrastructure, FreePorts.next(), "http://127.0.0.1:" + FreePorts.next());
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void randomRequestsToEveryServiceGetNoServerErrorAndEveryErrorIsAProblemDetail() throws Exception {
        URI gateway = URI.create(platform.gatewayUrl());
        RequestFuzzer fuzzer = new RequestFuzzer(SEED, ENDPOINTS,
                List.of(Map.entry("Authorization", "Bearer " + devToken())), 25);
        List<String> violations = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();

        for (int i = 0; i < REQUESTS; i++) {
            RawHttp.Request request = fuzzer.next();
            RawHttp.Response response = RawHttp.send(gateway.getHost(), gateway.getPort(), request);
            statuses.merge(response.status(), 1, Integer::sum);
            String violation = ProblemContract.violation(request, response, Set.of());
            if (violation != null) {
                violations.add("#" + i + " " + request.describe() + "\n    -> " + violation);
            }
        }

        System.out.println("Platform fuzz, seed " + SEED + ", answers by status: " + statuses);
        assertThat(statuses.keySet()).as("the fuzz reaches the services, not only the refusals").contains(200);
        assertThat(violations).as("seed %d: %d of %d requests broke the error contract", SEED, violations.size(), REQUESTS)
                .isEmpty();
    }

    @Test
    void thePublicCatalogIsServedByBillingWithoutAToken() throws Exception {
        HttpResponse<String> catalog = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(platform.gatewayUrl() + "/api/catalog")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(catalog.statusCode()).isEqualTo(200);
        assertThat(catalog.body()).startsWith("{\"catalog\":").contains("\"plans\":[{\"id\":\"community\"");
    }

    private static String devToken() {
        return new Gateway(platform.gatewayUrl()).token(Gateway.caller("user_fuzz", "acct_fuzz", "fuzz@example.com", "owner"));
    }
}
