package dev.tollgate.e2e;

import dev.tollgate.platform.test.StripeWebhooks;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Stripe subscription as the end-to-end classes deliver it in {@code customer.subscription.*} events:
 * Stripe's own fixture with one item of one price, no trial, not canceling, unless said otherwise.
 * One builder for what every class used to set field by field.
 */
final class StripeSubscription {

    private static final long DAY = 86_400;

    private final ObjectNode subscription = StripeWebhooks.fixture("subscription");
    private final ObjectNode item = (ObjectNode) subscription.path("items").path("data").path(0);
    private final long created;

    private StripeSubscription(String id, String customer, String status, long created) {
        this.created = created;
        subscription.put("id", id);
        subscription.put("customer", customer);
        subscription.put("status", status);
        subscription.put("created", created);
        subscription.putNull("trial_start");
        subscription.putNull("trial_end");
        subscription.put("cancel_at_period_end", false);
        subscription.putNull("cancel_at");
        subscription.putNull("canceled_at");
        subscription.putNull("ended_at");
        subscription.putObject("metadata");
        item.put("subscription", id);
        item.put("current_period_start", created);
        item.put("current_period_end", created + 30 * DAY);
        communityMonthly();
    }

    /** Subscription {@code id} of {@code customer}, created (and its period starting) at {@code created}, epoch seconds. */
    static StripeSubscription of(String id, String customer, String status, long created) {
        return new StripeSubscription(id, customer, status, created);
    }

    /** Names the account in the metadata, as Tollgate's checkout does. */
    StripeSubscription forAccount(String account) {
        ((ObjectNode) subscription.path("metadata")).put("organization_id", account);
        return this;
    }

    /** A trial from creation until {@code trialEnd}. */
    StripeSubscription trialUntil(long trialEnd) {
        subscription.put("trial_start", created);
        subscription.put("trial_end", trialEnd);
        return this;
    }

    StripeSubscription periodEnd(long periodEnd) {
        item.put("current_period_end", periodEnd);
        return this;
    }

    StripeSubscription cancelAtPeriodEnd(boolean cancel) {
        subscription.put("cancel_at_period_end", cancel);
        return this;
    }

    /** The price of the item (the default: the Community Edition's monthly price, $20). */
    StripeSubscription price(String priceId, long unitAmountMinor, String currency) {
        ObjectNode price = (ObjectNode) item.path("price");
        price.put("id", priceId);
        price.put("unit_amount", unitAmountMinor);
        price.put("currency", currency);
        return this;
    }

    private void communityMonthly() {
        price("price_community_monthly_usd", 2000, "usd");
    }

    /** The signed-ready JSON of a Stripe event of {@code type} carrying this subscription, Stripe's {@code created} at {@code at}. */
    String event(String eventId, String type, long at) {
        return StripeWebhooks.json().writeValueAsString(StripeWebhooks.event(eventId, type, at, subscription));
    }
}
