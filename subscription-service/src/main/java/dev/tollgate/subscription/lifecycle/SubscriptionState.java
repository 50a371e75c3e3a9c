package dev.tollgate.subscription.lifecycle;

import java.time.Instant;

/** One account's subscription as billing last reported it; {@code asOf} is when that report's fact happened. */
public record SubscriptionState(String subscriptionId, String accountId, String planId, SubscriptionStatus status,
        String billingInterval, Instant trialEnd, Instant currentPeriodEnd, boolean cancelAtPeriodEnd, long amountMinor,
        String currency, String email, Instant asOf) {
}
