package dev.tollgate.billing.subscription;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * A subscription's trial ends soon (Stripe's {@code customer.subscription.trial_will_end}, three days
 * before): the cue for a reminder e-mail. {@code eventId} is derived from the Stripe event, so a
 * replay publishes the same id and consumers' inboxes drop it.
 */
@EventType(name = "billing.trial_will_end", version = 1)
public record TrialWillEnd(UUID eventId, String accountId, Instant occurredAt, String stripeEventId,
        String stripeSubscriptionId, String stripeCustomerId, String planId, Instant trialEnd, String customerEmail)
        implements DomainEvent {
}
