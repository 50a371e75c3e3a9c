package dev.tollgate.subscription.lifecycle;

import java.time.Instant;

import dev.tollgate.platform.events.Freshness;

/** One subscription as billing last reported it; {@code asOf} is when that report's fact happened. */
public record SubscriptionState(String subscriptionId, String accountId, String planId, SubscriptionStatus status,
        String billingInterval, Instant trialEnd, Instant currentPeriodEnd, boolean cancelAtPeriodEnd, long amountMinor,
        String currency, String email, Instant asOf) {

    /** How new this report is: its time, ties settled by {@link SubscriptionStatus#lifecycleRank()}. */
    public Freshness freshness() {
        return Freshness.of(asOf, status.lifecycleRank());
    }
}
