package dev.tollgate.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.tollgate.platform.test.StripeWebhooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A new customer through the gateway: opens a checkout (Stripe's API stubbed), Stripe reports the
 * completed checkout, the subscription and the paid invoice as signed webhooks, and the account then
 * reads its invoice history; a second trial is refused with a problem.
 */
@ExtendWith(NeedsDockerForContainers.class)
@SharedPlatform
class BillingCheckoutThroughGatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCOUNT = "acct_e2e_checkout";
    private static final String CUSTOMER = "cus_e2e_checkout";

    private static RunningPlatform running;

    @BeforeAll
    static void usePlatform() {
        running = RunningPlatform.shared();
    }

    @Test
    void aNewCustomerChecksOutPaysAndSeesTheInvoiceAndCannotStartASecondTrial() throws Exception {
        running.stripeApi().stubFor(WireMock.post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "cs_e2e_1", "object": "checkout.session", "url": "https://checkout.stripe.com/c/pay/cs_e2e_1"}""")));
        running.stripeApi().stubFor(WireMock.get(urlPathEqualTo("/v1/customers/" + CUSTOMER)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "cus_e2e_checkout", "object": "customer", "email": "buyer@example.com", "metadata": {}}""")));

        HttpResponse<String> checkout = call("POST", "/api/billing/checkout", "{\"price\": \"price_monthly_community_usd\"}");
        assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
        assertThat(JSON.readTree(checkout.body()).path("url").asString()).isEqualTo("https://checkout.stripe.com/c/pay/cs_e2e_1");
        running.stripeApi().verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("client_reference_id=" + ACCOUNT))
                .withRequestBody(containing("subscription_data%5Btrial_period_days%5D=14")));

        long t = Instant.now().getEpochSecond() - 30;
        ObjectNode session = StripeWebhooks.fixture("checkout.session");
        session.put("id", "cs_e2e_1").put("mode", "subscription").put("customer", CUSTOMER).put("client_reference_id", ACCOUNT)
                .put("payment_status", "paid");
        ((ObjectNode) session.path("customer_details")).put("email", "buyer@example.com");
        deliver(StripeWebhooks.event("evt_e2e_co_1", "checkout.session.completed", t, session));
        ObjectNode subscription = StripeWebhooks.fixture("subscription");
        subscription.put("id", "sub_e2e_checkout").put("customer", CUSTOMER).put("status", "active")
                .put("cancel_at_period_end", false).put("trial_start", t).put("trial_end", t + 14 * 86_400);
        subscription.putObject("metadata").put("organization_id", ACCOUNT);
        ObjectNode item = (ObjectNode) subscription.path("items").path("data").path(0);
        item.put("current_period_end", t + 30 * 86_400);
        ((ObjectNode) item.path("price")).put("id", "price_monthly_community_usd").put("unit_amount", 2000).put("currency", "usd");
        deliver(StripeWebhooks.event("evt_e2e_co_2", "customer.subscription.created", t + 1, subscription));
        ObjectNode invoice = StripeWebhooks.fixture("invoice");
        invoice.put("id", "in_e2e_1").put("customer", CUSTOMER).put("status", "paid").put("amount_due", 2000)
                .put("amount_paid", 2000).put("currency", "usd").put("hosted_invoice_url", "https://invoice.stripe.com/i/in_e2e_1");
        deliver(StripeWebhooks.event("evt_e2e_co_3", "invoice.paid", t + 2, invoice));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode invoices = JSON.readTree(call("GET", "/api/billing/invoices", null).body());
            assertThat(invoices.path("items")).singleElement().satisfies(found -> {
                assertThat(found.path("id").asString()).isEqualTo("in_e2e_1");
                assertThat(found.path("amountPaidMinor").asLong()).isEqualTo(2000);
                assertThat(found.path("hostedInvoiceUrl").asString()).isEqualTo("https://invoice.stripe.com/i/in_e2e_1");
            });
        });

        HttpResponse<String> second = call("POST", "/api/billing/checkout", "{\"price\": \"price_annual_community_usd\"}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(JSON.readTree(second.body()).path("code").asString()).isEqualTo("second_trial");
    }

    private static void deliver(ObjectNode event) {
        running.gateway().deliver(JSON.writeValueAsString(event));
    }

    private static HttpResponse<String> call(String method, String path, String body) {
        return running.gateway().call(Gateway.caller("user_e2e_checkout", ACCOUNT, "buyer@example.com", "owner"), method, path, body);
    }
}
