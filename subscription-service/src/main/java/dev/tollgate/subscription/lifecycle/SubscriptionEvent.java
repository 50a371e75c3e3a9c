package dev.tollgate.subscription.lifecycle;

import java.time.Instant;
import java.util.UUID;


import dev.tollgate.platform.events.DomainEvent;

/**
 * A lifecycle event. All of them carry the subscription's full current state, so a consumer
 * (entitlements, notifications) never needs a second source; the type says what just happened:
 * {@code subscription.trial_started.v1}, {@code subscription.activated.v1}, ...
 */
public record SubscriptionEvent(Transition transition, UUID eventId, String accountId, Instant occurredAt,
        String subscriptionId, String planId, String status, String billingInterval, Instant trialEnd,
        Instant currentPeriodEnd, boolean cancelAtPeriodEnd, long amountMinor, String currency, String email)
        implements DomainEvent {

    public static SubscriptionEvent of(Transition transition, SubscriptionState state) {
        return new SubscriptionEvent(transition, UUID.randomUUID(), state.accountId(), state.asOf(), state.subscriptionId(),
                state.planId(), state.status().wireName(), state.billingInterval(), state.trialEnd(),
                state.currentPeriodEnd(), state.cancelAtPeriodEnd(), state.amountMinor(), state.currency(), state.email());
    }

    @Override
    public String eventType() {
        return "subscription." + transition.wireName() + ".v1";
    }
}
