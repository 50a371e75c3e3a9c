package dev.tollgate.billing.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.billing.BillingIntegrationTest;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.StripeWebhooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every Stripe event of the product document's table that the Community Edition catalog can show,
 * delivered through the webhook topic as the gateway writes it, with objects built from Stripe's own
 * examples; each published event is checked against its schema. (Add-ons and one-time purchases
 * need the l4yercak3 catalog: {@code L4yercak3EventsTest}.)
 */
class EveryStripeEventTest extends BillingIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void invoiceEventsAnnounceEachPaymentOutcomeOnceAndALateFailureAfterThePaymentIsNotAnnounced() {
        long t = Instant.now().getEpochSecond();
        deliver("evt_inv_checkout", "checkout.session.completed", t, checkout("cus_inv", "acct_inv", "inv@example.com"));
        ObjectNode failed = invoice("in_inv_1", "cus_inv", "sub_inv", "open", 2000, 0, 1);
        failed.put("next_payment_attempt", t + 3 * 86_400);
        deliver("evt_inv_failed", "invoice.payment_failed", t + 1, failed);
        deliver("evt_inv_failed", "invoice.payment_failed", t + 1, failed);
        ObjectNode action = invoice("in_inv_1", "cus_inv", "sub_inv", "open", 2000, 0, 1);
        deliver("evt_inv_action", "invoice.payment_action_required", t + 2, action);
        ObjectNode paid = invoice("in_inv_1", "cus_inv", "sub_inv", "paid", 2000, 2000, 2);
        paid.putNull("next_payment_attempt");
        deliver("evt_inv_paid", "invoice.paid", t + 3, paid);
        deliver("evt_inv_succeeded", "invoice.payment_succeeded", t + 3, paid);
        // Stripe's second failed attempt, reported late: the invoice is paid by now.
        deliver("evt_inv_failed_late", "invoice.payment_failed", t + 2, invoice("in_inv_1", "cus_inv", "sub_inv", "open", 2000, 0, 2));

        await().atMost(WAIT).until(() -> processed("evt_inv_failed_late") && processed("evt_inv_succeeded"));
        List<JsonNode> failures = allPublished("acct_inv", "billing.payment_failed.v1");
        assertThat(failures).singleElement().satisfies(event -> {
            assertThat(event.path("attemptCount").asInt()).isEqualTo(1);
            assertThat(event.path("nextPaymentAttempt").asString()).isEqualTo(Instant.ofEpochSecond(t + 3 * 86_400).toString());
            assertThat(event.path("amountDueMinor").asLong()).isEqualTo(2000);
            assertThat(event.path("customerEmail").asString()).isEqualTo("inv@example.com");
            assertThat(EventContract.violations("billing.payment_failed.v1", event.toString())).isEmpty();
        });
        assertThat(allPublished("acct_inv", "billing.payment_action_required.v1")).singleElement().satisfies(event -> {
            assertThat(event.path("hostedInvoiceUrl").asString()).isEqualTo("https://invoice.stripe.com/i/in_inv_1");
            assertThat(EventContract.violations("billing.payment_action_required.v1", event.toString())).isEmpty();
        });
        assertThat(allPublished("acct_inv", "billing.payment_succeeded.v1")).singleElement().satisfies(event -> {
            assertThat(event.path("amountMinor").asLong()).isEqualTo(2000);
            assertThat(event.path("currency").asString()).isEqualTo("usd");
            assertThat(event.path("stripeSubscriptionId").asString()).isEqualTo("sub_inv");
            assertThat(event.path("invoicePdf").asString()).isEqualTo("https://pay.stripe.com/invoice/in_inv_1/pdf");
            assertThat(EventContract.violations("billing.payment_succeeded.v1", event.toString())).isEmpty();
        });
        assertThat(meters.get("tollgate.billing.payments").tag("outcome", "failed").counter().count()).isPositive();
        assertThat(meters.get("tollgate.billing.payments").tag("outcome", "succeeded").counter().count()).isPositive();
        assertThat(meters.get("tollgate.billing.stripe.events").tag("type", "invoice.payment_failed").tag("outcome", "applied")
                .counter().count()).isPositive();
        assertThat(jdbc.sql("SELECT status || ':' || attempt_count FROM stripe_invoice WHERE invoice_id = 'in_inv_1'")
                .query(String.class).single()).isEqualTo("paid:2");
        assertThat(allPublished("acct_inv", "billing.customer_linked.v1")).singleElement().satisfies(event -> {
            assertThat(event.path("stripeCustomerId").asString()).isEqualTo("cus_inv");
            assertThat(event.path("email").asString()).isEqualTo("inv@example.com");
            assertThat(EventContract.violations("billing.customer_linked.v1", event.toString())).isEmpty();
        });
    }

    @Test
    void anInvoiceOfACustomerNotYetLinkedWaitsForTheLinkAndIsThenAnnounced() {
        long t = Instant.now().getEpochSecond();
        deliver("evt_inv_park_paid", "invoice.paid", t, invoice("in_park_1", "cus_inv_park", "sub_inv_park", "paid", 2000, 2000, 1));
        await().atMost(WAIT).until(() -> processed("evt_inv_park_paid"));
        assertThat(jdbc.sql("SELECT count(*) FROM parked_stripe_event WHERE event_id = 'evt_inv_park_paid'").query(Long.class)
                .single()).isEqualTo(1);

        deliver("evt_inv_park_checkout", "checkout.session.completed", t + 1,
                checkout("cus_inv_park", "acct_inv_park", "park@example.com"));

        assertThat(billingEvents("acct_inv_park", "billing.payment_succeeded.v1", 1)).singleElement()
                .satisfies(event -> assertThat(event.path("invoiceId").asString()).isEqualTo("in_park_1"));
    }

    @Test
    void trialWillEndIsAnnouncedWithThePlanAndNotOnceTheSubscriptionLeftItsTrial() {
        long t = Instant.now().getEpochSecond();
        ObjectNode trialing = subscription("sub_twe", "cus_twe", "acct_twe", "trialing");
        trialing.put("trial_end", t + 3 * 86_400);
        deliver("evt_twe", "customer.subscription.trial_will_end", t, trialing);
        assertThat(billingEvents("acct_twe", "billing.trial_will_end.v1", 1)).singleElement().satisfies(event -> {
            assertThat(event.path("planId").asString()).isEqualTo("community");
            assertThat(event.path("trialEnd").asString()).isEqualTo(Instant.ofEpochSecond(t + 3 * 86_400).toString());
            assertThat(EventContract.violations("billing.trial_will_end.v1", event.toString())).isEmpty();
        });

        deliver("evt_twe2_active", "customer.subscription.updated", t + 10, subscription("sub_twe2", "cus_twe2", "acct_twe2", "active"));
        deliver("evt_twe2_late", "customer.subscription.trial_will_end", t, subscription("sub_twe2", "cus_twe2", "acct_twe2", "trialing"));
        await().atMost(WAIT).until(() -> processed("evt_twe2_late"));
        assertThat(allPublished("acct_twe2", "billing.trial_will_end.v1")).isEmpty();
    }

    @Test
    void customerEventsLinkByMetadataFollowTheNewestEmailAndKeepTheLinkOfADeletedCustomer() {
        long t = Instant.now().getEpochSecond();
        deliver("evt_cus_created", "customer.created", t, customer("cus_life", "acct_cus", "first@example.com"));
        deliver("evt_cus_updated", "customer.updated", t + 5, customer("cus_life", "acct_cus", "second@example.com"));
        deliver("evt_cus_updated_old", "customer.updated", t + 2, customer("cus_life", "acct_cus", "older@example.com"));
        deliver("evt_cus_unlinked", "customer.created", t, customer("cus_nobody", null, "nobody@example.com"));
        await().atMost(WAIT).until(() -> processed("evt_cus_updated_old") && processed("evt_cus_unlinked"));
        assertThat(jdbc.sql("SELECT account_id || ' ' || email FROM stripe_customer WHERE customer_id = 'cus_life'")
                .query(String.class).single()).isEqualTo("acct_cus second@example.com");
        assertThat(allPublished("acct_cus", "billing.customer_linked.v1")).extracting(event -> event.path("email").asString())
                .containsExactly("first@example.com", "second@example.com");
        assertThat(jdbc.sql("SELECT count(*) FROM stripe_customer WHERE customer_id = 'cus_nobody'").query(Long.class).single())
                .isZero();

        deliver("evt_cus_deleted", "customer.deleted", t + 9, customer("cus_life", "acct_cus", "second@example.com"));
        await().atMost(WAIT).until(() -> processed("evt_cus_deleted"));
        assertThat(jdbc.sql("SELECT account_id FROM stripe_customer WHERE customer_id = 'cus_life' AND deleted_at IS NOT NULL")
                .query(String.class).single()).isEqualTo("acct_cus");
    }

    @Test
    void anEventOfAnOlderApiVersionIsReadFromItsRawJsonNotDropped() {
        long t = Instant.now().getEpochSecond();
        // 2020 shape: the period on the subscription, not on its items; an api_version stripe-java does not deserialize.
        ObjectNode old = subscription("sub_oldapi", "cus_oldapi", "acct_oldapi", "active");
        ObjectNode item = (ObjectNode) old.path("items").path("data").path(0);
        item.remove("current_period_end");
        item.remove("current_period_start");
        old.put("current_period_start", t);
        old.put("current_period_end", t + 30 * 86_400);
        ObjectNode event = StripeWebhooks.event("evt_oldapi", "customer.subscription.updated", t, old);
        event.put("api_version", "2020-08-27");
        deliverRaw("evt_oldapi", "customer.subscription.updated", "cus_oldapi", StripeWebhooks.json().writeValueAsString(event));

        assertThat(billingEvents("acct_oldapi", 1)).singleElement().satisfies(published -> {
            assertThat(published.path("status").asString()).isEqualTo("active");
            assertThat(published.path("currentPeriodEnd").asString()).isEqualTo(Instant.ofEpochSecond(t + 30 * 86_400).toString());
            assertThat(published.path("currentPeriodStart").asString()).isEqualTo(Instant.ofEpochSecond(t).toString());
            assertThat(published.path("items")).hasSize(1);
            assertThat(published.path("addOns")).isEmpty();
            assertThat(EventContract.violations("billing.subscription.changed.v1", published.toString())).isEmpty();
        });
    }

    private static ObjectNode customer(String id, String account, String email) {
        ObjectNode customer = StripeWebhooks.fixture("customer");
        customer.put("id", id);
        customer.put("email", email);
        ObjectNode metadata = customer.putObject("metadata");
        if (account != null) {
            metadata.put("organization_id", account);
        }
        return customer;
    }
}
