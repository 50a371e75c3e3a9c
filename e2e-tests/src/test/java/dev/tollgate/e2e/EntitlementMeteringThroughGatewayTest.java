package dev.tollgate.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tollgate.platform.test.StripeWebhooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customer's own service meters a Community Edition account through the gateway: a Stripe
 * webhook grants the plan, then racing consumes get exactly the plan's 5 priority tickets of the
 * billing month and the rest a 429 problem that says when the allowance resets.
 */
@ExtendWith(NeedsDockerForContainers.class)
@SharedPlatform
class EntitlementMeteringThroughGatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCOUNT = "acct_meter";
    private static final String CUSTOMER = "cus_meter";
    private static final long T0 = Instant.now().getEpochSecond() - 600;
    // One calendar month, as Stripe bills: whichever boundary the service anchors on, the next reset is this.
    private static final long PERIOD_END = Instant.ofEpochSecond(T0 + 100).atZone(java.time.ZoneOffset.UTC).plusMonths(1)
            .toEpochSecond();

    private static RunningPlatform running;

    @BeforeAll
    static void usePlatform() {
        running = RunningPlatform.shared();
    }

    @Test
    void racingConsumesThroughTheGatewayGetExactlyTheMonthlyAllowanceAndTheRestA429ThatSaysWhenItResets() throws Exception {
        subscribe();
        String jwt = token("owner");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(JSON.readTree(send(jwt, "GET",
                "/api/entitlements/me", null).body()).path("usage").path("priority_support_tickets").path("limit").asLong())
                .isEqualTo(5));

        List<HttpResponse<String>> responses;
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            responses = IntStream.range(0, 40).mapToObj(i -> CompletableFuture.supplyAsync(() -> send(jwt, "POST",
                    "/api/entitlements/me/priority_support_tickets/consume", "{\"amount\":1}"), pool)).toList().stream()
                    .map(CompletableFuture::join).toList();
        }

        assertThat(responses).filteredOn(response -> response.statusCode() == 200).hasSize(5);
        HttpResponse<String> denied = responses.stream().filter(response -> response.statusCode() == 429).findFirst().orElseThrow();
        assertThat(responses).filteredOn(response -> response.statusCode() == 429).hasSize(35);
        JsonNode problem = JSON.readTree(denied.body());
        assertThat(problem.path("limit").asLong()).isEqualTo(5);
        assertThat(problem.path("used").asLong()).isEqualTo(5);
        assertThat(problem.path("remaining").asLong()).isZero();
        assertThat(problem.path("resetsAt").asString()).isEqualTo(Instant.ofEpochSecond(PERIOD_END).toString());
        assertThat(denied.headers().firstValue("Retry-After")).isPresent();

        assertThat(send(jwt, "PUT", "/api/entitlements/me/storage_gb/usage", "{\"used\":4}").statusCode())
                .as("a user cannot set measured usage").isEqualTo(403);
        HttpResponse<String> storage = send(token("usage_reporter"), "PUT", "/api/entitlements/me/storage_gb/usage", "{\"used\":4}");
        assertThat(storage.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(storage.body()).path("remaining").asLong()).isEqualTo(6);
        assertThat(JSON.readTree(send(jwt, "GET", "/api/entitlements/me/community_access", null).body()).path("allowed")
                .asBoolean()).isTrue();
    }

    private static void subscribe() {
        ObjectNode customer = StripeWebhooks.fixture("customer");
        customer.put("id", CUSTOMER);
        customer.put("email", "meter@example.com");
        running.stripeApi().stubFor(get(urlPathEqualTo("/v1/customers/" + CUSTOMER)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(customer))));
        running.gateway().deliver(StripeSubscription.of("sub_meter", CUSTOMER, "active", T0 + 100).forAccount(ACCOUNT)
                .periodEnd(PERIOD_END).event("evt_meter_created", "customer.subscription.created", T0 + 100));
    }

    private static String token(String role) {
        return running.gateway().token(Gateway.caller("user_meter", ACCOUNT, "meter@example.com", role));
    }

    private static HttpResponse<String> send(String jwt, String method, String path, String body) {
        return running.gateway().call(jwt, method, path, body);
    }

}
