package dev.tollgate.billing.subscription;

import java.time.Instant;
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
 */
@EventType(name = "billing.subscription.changed", version = 1)
public record SubscriptionChanged(UUID eventId, String accountId, Instant occurredAt, long sequence,
        String stripeEventId, String stripeSubscriptionId, String stripeCustomerId, String planId, String priceId,
        String billingInterval,
        String status, Instant trialStart, Instant trialEnd, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
        long amountMinor, String currency, String customerEmail) implements DomainEvent {
}
