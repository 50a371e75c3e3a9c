package dev.tollgate.subscription.lifecycle;

import java.time.Instant;

import dev.tollgate.platform.events.Freshness;

/**
 * One subscription as billing last reported it.
 *
 * @param asOf when that report's fact happened (Stripe's {@code created}, one-second precision)
 * @param billingSequence billing's order of this subscription's reports (the event's {@code sequence}); null for a
 *        report from before billing numbered them
 */
public record SubscriptionState(String subscriptionId, String accountId, String planId, SubscriptionStatus status,
        String billingInterval, Instant trialEnd, Instant currentPeriodEnd, boolean cancelAtPeriodEnd, long amountMinor,
        String currency, String email, Instant asOf, Long billingSequence) {

    /**
     * Whether this report replaces {@code held}, a report of the same subscription, by the platform's
     * one rule ({@link Freshness}): the later {@code asOf} wins; a tie goes to billing's sequence when
     * both reports carry one, else to the higher {@link SubscriptionStatus#lifecycleRank()}; equal
     * keeps what is held.
     * <p>
     * Why billing's sequence first: billing settles a tie in Stripe's second by re-reading Stripe and
     * may then publish, with the same {@code asOf}, a state that ranks lower than the one before it
     * ({@code active} after {@code paused} on a resume). Billing decided that order, so we follow it
     * instead of guessing by rank. Billing never numbers an older time higher, so on its events this
     * is exactly billing's order; the time stays first so that a billing whose numbering restarted
     * still moves forward.
     */
    public boolean supersedes(SubscriptionState held) {
        boolean bySequence = billingSequence != null && held.billingSequence != null;
        return freshness(bySequence).supersedes(held.freshness(bySequence));
    }

    private Freshness freshness(boolean bySequence) {
        return Freshness.of(asOf, bySequence ? billingSequence : status.lifecycleRank());
    }
}
