package dev.tollgate.billing.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.tollgate.billing.StripeApiStandIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One subscription's whole life on the l4yercak3 catalog (checkout, Starter trial, trial reminder,
 * active, a failed payment and past due, paid again, Starter to Professional to Agency with 3 extra
 * sub-organizations, canceled), with its invoices. Delivered in order once, and then for several
 * seeds shuffled with every event repeated up to three times: each ends in exactly the state the
 * in-order delivery gives (the subscription, its invoices, the customer's link and the last state
 * published).
 */
class WholeLifeInAnyOrderTest extends L4yercak3IntegrationTest {

    private static final long DAY = 86_400;

    private record Delivery(String eventId, String type, long created, ObjectNode object) {
    }

    @Test
    void aSubscriptionsWholeLifeShuffledWithDuplicatesEndsInTheStateOfInOrderDelivery() {
        StripeApiStandIn.server().stubFor(get(urlPathMatching("/v1/customers/cus_life_.*")).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"id": "{{request.pathSegments.[2]}}", "object": "customer", "email": "life@example.com", "metadata": {}}""")));
        long t0 = Instant.now().getEpochSecond() - 60 * DAY;

        life("IN", t0).forEach(d -> deliver(d.eventId(), d.type(), d.created(), d.object()));
        String inOrder = state("IN");
        assertThat(inOrder).contains("status=canceled", "plan_id=agency", "price_agency_monthlyx1,price_sub_org_monthlyx3",
                "in_life_IN_3, status=paid", "addOns\":[{\"id\":\"agency_sub_org\",\"quantity\":3}]");

        for (long seed : List.of(1L, 7L, 2026L)) {
            String run = "S" + seed;
            Random random = new Random(seed);
            List<Delivery> deliveries = new ArrayList<>();
            for (Delivery delivery : life(run, t0)) {
                for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                    deliveries.add(delivery);
                }
            }
            Collections.shuffle(deliveries, random);
            deliveries.forEach(d -> deliver(d.eventId(), d.type(), d.created(), d.object()));

            assertThat(state(run)).as("seed %d", seed).isEqualTo(inOrder.replace("life_IN", "life_" + run)
                    .replace("acct_life_IN", "acct_life_" + run));
        }
    }

    /** The life of subscription {@code sub_life_<run>}, in Stripe's order, one step a minute apart. */
    private static List<Delivery> life(String run, long t0) {
        String sub = "sub_life_" + run;
        String cus = "cus_life_" + run;
        String account = "acct_life_" + run;
        List<Delivery> life = new ArrayList<>();
        long trialEnd = t0 + 14 * DAY;
        long periodEnd = trialEnd + 30 * DAY;
        long t = t0;
        life.add(new Delivery(id(run, 1), "checkout.session.completed", t,
                checkout("cs_life_" + run, "subscription", cus, account, "life@example.com")));
        ObjectNode trialing = subscription(sub, cus, account, "trialing", "price_starter_monthly_trial", 19900, t0, trialEnd);
        trialing.put("trial_start", t0).put("trial_end", trialEnd);
        life.add(new Delivery(id(run, 2), "customer.subscription.created", t += 60, trialing));
        life.add(new Delivery(id(run, 3), "invoice.paid", t += 60,
                invoice("in_life_" + run + "_1", cus, sub, "paid", 0, 0, 0, t0, t0, trialEnd)));
        life.add(new Delivery(id(run, 4), "customer.subscription.trial_will_end", t += 60, trialing.deepCopy()));
        ObjectNode active = subscription(sub, cus, account, "active", "price_starter_monthly_trial", 19900, trialEnd, periodEnd);
        active.put("trial_start", t0).put("trial_end", trialEnd);
        life.add(new Delivery(id(run, 5), "customer.subscription.updated", t += 60, active));
        life.add(new Delivery(id(run, 6), "invoice.paid", t += 60,
                invoice("in_life_" + run + "_2", cus, sub, "paid", 19900, 19900, 1, trialEnd, trialEnd, periodEnd)));
        ObjectNode failed = invoice("in_life_" + run + "_3", cus, sub, "open", 19900, 0, 1, periodEnd, periodEnd,
                periodEnd + 30 * DAY);
        failed.put("next_payment_attempt", periodEnd + 3 * DAY);
        life.add(new Delivery(id(run, 7), "invoice.payment_failed", t += 60, failed));
        ObjectNode pastDue = subscription(sub, cus, account, "past_due", "price_starter_monthly_trial", 19900, periodEnd,
                periodEnd + 30 * DAY);
        pastDue.put("trial_start", t0).put("trial_end", trialEnd);
        life.add(new Delivery(id(run, 8), "customer.subscription.updated", t += 60, pastDue));
        life.add(new Delivery(id(run, 9), "invoice.paid", t += 60, invoice("in_life_" + run + "_3", cus, sub, "paid", 19900,
                19900, 2, periodEnd, periodEnd, periodEnd + 30 * DAY)));
        ObjectNode recovered = subscription(sub, cus, account, "active", "price_starter_monthly_trial", 19900, periodEnd,
                periodEnd + 30 * DAY);
        recovered.put("trial_start", t0).put("trial_end", trialEnd);
        life.add(new Delivery(id(run, 10), "customer.subscription.updated", t += 60, recovered));
        ObjectNode professional = subscription(sub, cus, account, "active", "price_professional_monthly", 39900, periodEnd,
                periodEnd + 30 * DAY);
        professional.put("trial_start", t0).put("trial_end", trialEnd);
        life.add(new Delivery(id(run, 11), "customer.subscription.updated", t += 60, professional));
        ObjectNode agency = subscription(sub, cus, account, "active", "price_agency_monthly", 59900, periodEnd,
                periodEnd + 30 * DAY, "price_sub_org_monthly", 7900, 3);
        agency.put("trial_start", t0).put("trial_end", trialEnd);
        life.add(new Delivery(id(run, 12), "customer.subscription.updated", t += 60, agency));
        ObjectNode canceled = agency.deepCopy();
        canceled.put("status", "canceled");
        life.add(new Delivery(id(run, 13), "customer.subscription.deleted", t + 60, canceled));
        return life;
    }

    private static String id(String run, int step) {
        return "evt_life_" + run + "_" + step;
    }

    /** Everything billing holds and last published about the run's account, as text. */
    private String state(String run) {
        String subscription = jdbc.sql("""
                SELECT account_id, status, plan_id, price_id, items, cancel_at_period_end, current_period_start,
                       current_period_end, trial_start, trial_end, last_event_id
                  FROM stripe_subscription WHERE subscription_id = :id""")
                .param("id", "sub_life_" + run).query().listOfRows().toString();
        String invoices = jdbc.sql("""
                SELECT invoice_id, status, amount_due, amount_paid, currency, attempt_count, next_payment_attempt, period_start,
                       period_end, hosted_invoice_url, invoice_pdf, paid_published
                  FROM stripe_invoice WHERE account_id = :account ORDER BY invoice_id""")
                .param("account", "acct_life_" + run).query().listOfRows().toString();
        String customer = jdbc.sql("SELECT account_id, email FROM stripe_customer WHERE customer_id = :id")
                .param("id", "cus_life_" + run).query().listOfRows().toString();
        long parked = jdbc.sql("SELECT count(*) FROM parked_stripe_event WHERE customer_id = :id")
                .param("id", "cus_life_" + run).query(Long.class).single();
        JsonNode last = allPublished("acct_life_" + run, "billing.subscription.changed.v1").stream()
                .max(Comparator.comparingLong(event -> event.path("sequence").asLong())).orElseThrow().deepCopy();
        // Which event ids and how many states were published on the way differs by order; the state does not.
        ((ObjectNode) last).remove(List.of("eventId", "sequence"));
        return String.join("\n", subscription, invoices, customer, "parked=" + parked, last.toString());
    }
}
