package dev.tollgate.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tollgate.platform.test.StripeWebhooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Priority support through the gateway: a Stripe webhook starts a Community Edition subscription,
 * the customer opens the five tickets of the billing period, and the sixth is refused with 429.
 */
@ExtendWith(NeedsDockerForContainers.class)
@SharedPlatform
class PrioritySupportTicketsFlowTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RunningPlatform running;

    @BeforeAll
    static void usePlatform() {
        running = RunningPlatform.shared();
    }

    @Test
    void aCommunityEditionSubscriberOpensFiveTicketsThroughTheGatewayAndTheSixthIsRefusedWith429() throws Exception {
        String account = "acct_tia";
        String customer = "cus_tia";
        long now = Instant.now().getEpochSecond() - 60;
        long periodEnd = now + 14 * 86_400L;
        running.stripeApi().stubFor(get(urlPathEqualTo("/v1/customers/" + customer)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(stripeCustomer(customer)))));

        deliver(subscriptionCreated(account, customer, now, periodEnd));

        String jwt = token(account);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(JSON.readTree(call(jwt, "GET", "/api/tickets/allowance/me", null).body()).path("limit").asLong())
                        .isEqualTo(5));
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> created = call(jwt, "POST", "/api/tickets", """
                    {"subject":"Question %d","description":"How do I create a shared agent?","category":"use-case",
                     "priority":"normal"}""".formatted(i));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode body = JSON.readTree(created.body());
            String number = body.path("ticket").path("ticketNumber").asString();
            assertThat(number).matches("LATAM-\\d{5}");
            assertThat(body.path("message").asString()).isEqualTo("Ticket " + number + " created. We'll respond within 24 hours.");
            numbers.add(number);
        }
        HttpResponse<String> sixth = call(jwt, "POST", "/api/tickets", """
                {"subject":"One more","description":"d","category":"question","priority":"high"}""");

        assertThat(sixth.statusCode()).as(sixth.body()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(sixth.body());
        assertThat(problem.path("limit").asLong()).isEqualTo(5);
        assertThat(problem.path("used").asLong()).isEqualTo(5);
        assertThat(Instant.parse(problem.path("resetsAt").asString())).isEqualTo(Instant.ofEpochSecond(periodEnd));
        assertThat(numbers).doesNotHaveDuplicates();
        JsonNode first = JSON.readTree(call(jwt, "GET", "/api/tickets/" + numbers.getFirst(), null).body());
        assertThat(first.path("status").asString()).isEqualTo("open");
        assertThat(JSON.readTree(call(jwt, "GET", "/api/tickets", null).body()).path("total").asLong()).isEqualTo(5);
        assertThat(call(token("acct_tia_neighbour"), "GET", "/api/tickets/" + numbers.getFirst(), null).statusCode())
                .as("another account does not see the ticket").isEqualTo(404);
    }

    private static ObjectNode stripeCustomer(String id) {
        ObjectNode customer = StripeWebhooks.fixture("customer");
        customer.put("id", id);
        customer.put("email", "tia@example.com");
        return customer;
    }

    private static String subscriptionCreated(String account, String customer, long start, long periodEnd) {
        return StripeSubscription.of("sub_tia", customer, "trialing", start).forAccount(account).trialUntil(periodEnd)
                .periodEnd(periodEnd).event("evt_tia_created", "customer.subscription.created", start + 1);
    }

    private static void deliver(String payload) {
        running.gateway().deliver(payload);
    }

    private static String token(String account) {
        return running.gateway().token(Gateway.caller("user_" + account, account, account + "@example.com", "owner"));
    }

    private static HttpResponse<String> call(String jwt, String method, String path, String body) {
        return running.gateway().call(jwt, method, path, body);
    }
}
