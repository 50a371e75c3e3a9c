package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A pricing page reads billing's catalog through the gateway with no token; nothing else opens without one. */
@ExtendWith(NeedsDockerForContainers.class)
@SharedPlatform
class PricingCatalogThroughGatewayTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningPlatform running;

    @BeforeAll
    static void usePlatform() {
        running = RunningPlatform.shared();
    }

    @Test
    void anyoneGetsThePlansWithPricesPerIntervalAndCurrencyTrialFeaturesAndLimits() throws Exception {
        HttpResponse<String> response = get("/api/catalog");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode community = JsonMapper.builder().build().readTree(response.body()).path("plans").path(0);
        assertThat(community.path("id").asString()).isEqualTo("community");
        assertThat(community.path("trialDays").asInt()).isEqualTo(14);
        assertThat(community.path("prices").path("month").findValuesAsString("currency")).containsExactly("usd", "clp");
        assertThat(community.path("prices").path("year").path(0).path("amountMinor").asLong()).isEqualTo(20_000);
        assertThat(community.path("limits").path("storage_gb").path("limit").asInt()).isEqualTo(10);
        assertThat(community.path("features").size()).isPositive();
    }

    @Test
    void theRestOfBillingStaysClosedWithoutAToken() throws Exception {
        assertThat(get("/api/billing/plans").statusCode()).isEqualTo(401);
        assertThat(get("/api/catalog-admin").statusCode()).isEqualTo(401);
        assertThat(get("/api/entitlements/me").statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(running.platform().gatewayUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
