package dev.tollgate.billing.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.tollgate.billing.StripeApiStandIn;
import dev.tollgate.billing.purchase.CheckoutCompletions;
import dev.tollgate.platform.test.EventContract;
import tools.jackson.databind.node.ObjectNode;

/** Add-ons and one-time purchases, which only the l4yercak3 catalog sells. */
class L4yercak3EventsTest extends L4yercak3IntegrationTest {

    @Test
    void anAgencySubscriptionWithExtraSubOrganizationsPublishesThePlanWhereverItsItemIsAndTheAddOnQuantity() {
        long t = Instant.now().getEpochSecond();
        ObjectNode agency = subscription("sub_agency", "cus_agency", "acct_agency", "active", "price_sub_org_monthly", 7900,
                t, t + 30 * 86_400, "price_agency_monthly", 59900, 1);
        // The sub-organization item is listed first: the plan is found by the catalog, not by position.
        ((ObjectNode) agency.path("items").path("data").path(0)).put("quantity", 3);

        deliver("evt_agency", "customer.subscription.created", t, agency);

        assertThat(allPublished("acct_agency", "billing.subscription.changed.v1")).singleElement().satisfies(event -> {
            assertThat(event.path("planId").asString()).isEqualTo("agency");
            assertThat(event.path("priceId").asString()).isEqualTo("price_agency_monthly");
            assertThat(event.path("amountMinor").asLong()).isEqualTo(59900);
            assertThat(event.path("currency").asString()).isEqualTo("eur");
            assertThat(event.path("addOns").toString()).isEqualTo("[{\"id\":\"agency_sub_org\",\"quantity\":3}]");
            assertThat(event.path("items")).hasSize(2);
            assertThat(event.path("currentPeriodStart").asString()).isEqualTo(Instant.ofEpochSecond(t).toString());
            assertThat(event.path("currentPeriodEnd").asString()).isEqualTo(Instant.ofEpochSecond(t + 30 * 86_400).toString());
            assertThat(EventContract.violations("billing.subscription.changed.v1", event.toString())).isEmpty();
        });
    }

    @Test
    void aPaidBuildSprintCheckoutIsAnnouncedOnceWithItsOptionAmountAndPaymentIntent() {
        long t = Instant.now().getEpochSecond();
        ObjectNode session = checkout("cs_sprint", "payment", "cus_sprint", "acct_sprint", "sprint@example.com");
        session.put("amount_total", 625000);
        session.put("payment_intent", "pi_sprint");
        ((ObjectNode) session.path("metadata")).put(CheckoutCompletions.PRICE_METADATA, "price_build_sprint_deposit")
                .put(CheckoutCompletions.QUANTITY_METADATA, "1");

        deliver("evt_sprint", "checkout.session.completed", t, session);
        deliver("evt_sprint", "checkout.session.completed", t, session);

        assertThat(allPublished("acct_sprint", "billing.one_time_purchase_completed.v1")).singleElement().satisfies(event -> {
            assertThat(event.path("productId").asString()).isEqualTo("build_sprint");
            assertThat(event.path("priceId").asString()).isEqualTo("price_build_sprint_deposit");
            assertThat(event.path("amountMinor").asLong()).isEqualTo(625000);
            assertThat(event.path("currency").asString()).isEqualTo("eur");
            assertThat(event.path("paymentIntentId").asString()).isEqualTo("pi_sprint");
            assertThat(event.path("customerEmail").asString()).isEqualTo("sprint@example.com");
            assertThat(EventContract.violations("billing.one_time_purchase_completed.v1", event.toString())).isEmpty();
        });
    }

    @Test
    void aCheckoutWithoutOurMetadataGetsItsLineItemsFromStripeAndASepaPaymentCountsOnceItSucceeds() {
        long t = Instant.now().getEpochSecond();
        StripeApiStandIn.server().stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_tokens/line_items"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"object": "list", "has_more": false, "url": "/v1/checkout/sessions/cs_tokens/line_items", "data": [
                          {"id": "li_1", "object": "item", "amount_total": 9800, "currency": "eur", "quantity": 2,
                           "price": {"id": "price_ai_tokens_100k", "object": "price", "unit_amount": 4900, "currency": "eur"}}]}""")));
        ObjectNode session = checkout("cs_tokens", "payment", "cus_tokens", "acct_tokens", "tokens@example.com");
        session.put("payment_status", "unpaid");
        session.put("payment_intent", "pi_tokens");

        deliver("evt_tokens_completed", "checkout.session.completed", t, session);
        assertThat(allPublished("acct_tokens", "billing.one_time_purchase_completed.v1")).as("SEPA debit not yet paid").isEmpty();

        session.put("payment_status", "paid");
        deliver("evt_tokens_paid", "checkout.session.async_payment_succeeded", t + 60, session);

        assertThat(allPublished("acct_tokens", "billing.one_time_purchase_completed.v1")).singleElement().satisfies(event -> {
            assertThat(event.path("productId").asString()).isEqualTo("ai_tokens");
            assertThat(event.path("quantity").asLong()).isEqualTo(2);
            assertThat(event.path("amountMinor").asLong()).isEqualTo(9800);
        });
    }
}
