package dev.tollgate.billing.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * The current Stripe state of an account's subscription, in our terms (plan id, minor units).
 * {@code occurredAt} is when Stripe created the event.
 *
 * @param sequence billing's order of this subscription's states: one more with every state billing
 *        publishes for it. Two states can share {@code occurredAt} (Stripe's {@code created} has
 *        one-second precision, and a tie is settled by re-reading Stripe, whose current state may
 *        rank lower, e.g. {@code active} after {@code paused}); the higher sequence is the later state.
 * @param status Stripe's status: trialing, active, past_due, paused, canceled, unpaid, incomplete, incomplete_expired
 * @param planId the catalog product of the subscription's plan item, whichever position Stripe gives it
 * @param priceId, amountMinor, currency, billingInterval the plan item's price
 * @param currentPeriodStart the start of the current period (from the items in newer API versions); added to v1
 * @param addOns the add-ons bought with the plan and their quantities, summed per catalog product
 *        (e.g. {@code agency_sub_org} x 3); empty when none. Added to v1
 * @param items every item of the subscription with its price, catalog product, kind and quantity. Added to v1
 */
@EventType(name = "billing.subscription.changed", version = 1)
public record SubscriptionChanged(UUID eventId, String accountId, Instant occurredAt, long sequence,
        String stripeEventId, String stripeSubscriptionId, String stripeCustomerId, String planId, String priceId,
        String billingInterval,
        String status, Instant trialStart, Instant trialEnd, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
        long amountMinor, String currency, String customerEmail, Instant currentPeriodStart, List<AddOn> addOns,
        List<Item> items) implements DomainEvent {

    public SubscriptionChanged {
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** An add-on product of the catalog and how many of it the subscription buys. */
    public record AddOn(String id, long quantity) {
    }

    /** One subscription item: Stripe price, the catalog product it belongs to and its kind, quantity, unit amount. */
    public record Item(String priceId, String productId, String kind, long quantity, long unitAmountMinor) {
    }
}
