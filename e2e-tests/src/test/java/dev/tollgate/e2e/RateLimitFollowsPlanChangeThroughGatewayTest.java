package dev.tollgate.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tollgate.platform.test.StripeWebhooks;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's per-account rate limit follows the plan Stripe says the account has: with the l4yercak3
 * catalog (Starter: 60 requests a minute, 5,000 a day; Professional: 120 and 25,000), a signed
 * {@code customer.subscription.created} for Starter makes the 61st call of the minute a 429, and a signed
 * {@code customer.subscription.updated} to Professional lifts the limit to 120 (fresh buckets) without any
 * call from the gateway to another service.
 */
@ExtendWith(NeedsDockerForContainers.class)
class RateLimitFollowsPlanChangeThroughGatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCOUNT = "acct_ratelimit";
    private static final String CUSTOMER = "cus_ratelimit";
    private static final long T0 = Instant.now().getEpochSecond() - 600;

    private static RunningPlatform running;

    @BeforeAll
    static void startPlatform() {
        // Only billing-service reads TOLLGATE_CATALOG, once, while it starts; cleared so no later class sees it.
        System.setProperty("TOLLGATE_CATALOG", "l4yercak3");
        try {
            running = RunningPlatform.start();
        } finally {
            System.clearProperty("TOLLGATE_CATALOG");
        }
    }

    @AfterAll
    static void stopPlatform() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void theLimitFollowsAPlanChangeFromASignedStripeWebhook() {
        stubCustomer();
        deliver("evt_ratelimit_created", "customer.subscription.created", "price_starter_monthly", 100);
        String jwt = token();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(call(jwt).headers().firstValue("RateLimit-Policy"))
                .hasValue("\"minute\";q=60;w=60, \"day\";q=5000;w=86400"));

        HttpResponse<String> refused = null;
        for (int i = 0; i < 61 && refused == null; i++) {
            HttpResponse<String> response = call(jwt);
            if (response.statusCode() == 429) {
                refused = response;
            }
        }
        assertThat(refused).as("the Starter plan's 60 requests a minute run out").isNotNull();
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.body()).contains(ACCOUNT).contains("rate_limit_per_minute");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"minute\";r=0;");

        deliver("evt_ratelimit_upgraded", "customer.subscription.updated", "price_professional_monthly", 200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> afterUpgrade = call(jwt);
            assertThat(afterUpgrade.statusCode()).isEqualTo(200);
            assertThat(afterUpgrade.headers().firstValue("RateLimit-Policy"))
                    .hasValue("\"minute\";q=120;w=60, \"day\";q=25000;w=86400");
        });
    }

    private static void stubCustomer() {
        ObjectNode customer = StripeWebhooks.fixture("customer");
        customer.put("id", CUSTOMER);
        customer.put("email", "ratelimit@example.com");
        running.stripeApi().stubFor(get(urlPathEqualTo("/v1/customers/" + CUSTOMER)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(customer))));
    }

    private static void deliver(String eventId, String type, String priceId, long offset) {
        running.gateway().deliver(StripeSubscription.of("sub_ratelimit", CUSTOMER, "active", T0 + 100).forAccount(ACCOUNT)
                .periodEnd(Instant.ofEpochSecond(T0 + 100).atZone(java.time.ZoneOffset.UTC).plusMonths(1).toEpochSecond())
                .price(priceId, priceId.contains("professional") ? 39900 : 19900, "eur").event(eventId, type, T0 + offset));
    }

    private static String token() {
        return running.gateway().token(Gateway.caller("user_ratelimit", ACCOUNT, "ratelimit@example.com", "owner"));
    }

    private static HttpResponse<String> call(String jwt) {
        return running.gateway().call(jwt, "GET", "/api/entitlements/me", null);
    }

}
