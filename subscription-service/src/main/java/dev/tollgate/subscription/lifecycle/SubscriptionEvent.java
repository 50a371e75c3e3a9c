package dev.tollgate.subscription.lifecycle;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;

/**
 * A lifecycle event of an account. All of them carry the full current state of the account's
 * effective subscription (see {@link EffectiveSubscription}), so a consumer (entitlements,
 * notifications) never needs a second source; the type says what just happened:
 * {@code subscription.trial_started.v1}, {@code subscription.activated.v1}, ...
 *
 * @param occurredAt when the billing fact that caused this event happened
 * @param version the account's lifecycle sequence: one more than the account's previous event, so
 *        a consumer keeps the state of the highest version and never needs to compare times
 */
public record SubscriptionEvent(Transition transition, UUID eventId, String accountId, Instant occurredAt, long version,
        String subscriptionId, String planId, String status, String billingInterval, Instant trialEnd,
        Instant currentPeriodEnd, boolean cancelAtPeriodEnd, long amountMinor, String currency, String email)
        implements DomainEvent {

    /** An event saying the account's effective subscription is now {@code state}, caused by a fact of {@code occurredAt}. */
    public static SubscriptionEvent of(Transition transition, SubscriptionState state, long version, Instant occurredAt) {
        return new SubscriptionEvent(transition, UUID.randomUUID(), state.accountId(), occurredAt, version,
                state.subscriptionId(), state.planId(), state.status().wireName(), state.billingInterval(), state.trialEnd(),
                state.currentPeriodEnd(), state.cancelAtPeriodEnd(), state.amountMinor(), state.currency(), state.email());
    }

    @Override
    public String eventType() {
        return "subscription." + transition.wireName() + ".v1";
    }
}
