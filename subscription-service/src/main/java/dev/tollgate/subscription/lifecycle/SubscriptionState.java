package dev.tollgate.subscription.lifecycle;

import java.time.Instant;

import dev.tollgate.platform.events.Freshness;

/**
 * One subscription as billing last reported it.
 *
 * @param asOf when that report's fact happened (Stripe's {@code created}, one-second precision)
 * @param billingSequence billing's order of this subscription's reports (the event's {@code sequence}); null for a
 *        report from before billing numbered them
 * @param trialStart when the trial began, null without one
 * @param currentPeriodStart the start of the current billing period (the trial's start during a trial)
 * @param source {@code stripe} for a subscription billing reports, {@code local} for a trial started by signup
 *        (no card, no Stripe subscription yet), {@code grant} for a plan a purchase includes for a while
 * @param suspendedFrom while {@link SubscriptionStatus#SUSPENDED}: the status a reactivation restores
 * @param pastDueSince while past due: since when (the grace period counts from it)
 */
public record SubscriptionState(String subscriptionId, String accountId, String planId, SubscriptionStatus status,
        String billingInterval, Instant trialEnd, Instant currentPeriodEnd, boolean cancelAtPeriodEnd, long amountMinor,
        String currency, String email, Instant asOf, Long billingSequence, Instant trialStart, Instant currentPeriodStart,
        String source, SubscriptionStatus suspendedFrom, Instant pastDueSince) {

    public static final String STRIPE = "stripe";
    public static final String LOCAL = "local";
    /** A plan a purchase includes for a while (a Build Sprint's Professional): no Stripe subscription, no price. */
    public static final String GRANT = "grant";

    public boolean isGrant() {
        return GRANT.equals(source);
    }

    /** A report from billing, in our terms (no suspension, no past-due clock yet: {@link #withStatus} sets those). */
    public static SubscriptionState reported(String subscriptionId, String accountId, String planId, SubscriptionStatus status,
            String billingInterval, Instant trialStart, Instant trialEnd, Instant currentPeriodStart, Instant currentPeriodEnd,
            boolean cancelAtPeriodEnd, long amountMinor, String currency, String email, Instant asOf, Long billingSequence) {
        return new SubscriptionState(subscriptionId, accountId, planId, status, billingInterval, trialEnd, currentPeriodEnd,
                cancelAtPeriodEnd, amountMinor, currency, email, asOf, billingSequence, trialStart, currentPeriodStart, STRIPE,
                null, null);
    }

    /**
     * This state moved to {@code next} at {@code at} from {@code held} (the same subscription's previous
     * state, null for none): a suspension remembers what it suspended, past due remembers since when.
     */
    public SubscriptionState withStatus(SubscriptionStatus next, SubscriptionState held, Instant at) {
        SubscriptionStatus before = held == null ? null : held.status;
        SubscriptionStatus suspended = next == SubscriptionStatus.SUSPENDED
                ? (before == SubscriptionStatus.SUSPENDED ? held.suspendedFrom : before) : null;
        Instant pastDue = next == SubscriptionStatus.PAST_DUE
                ? (before == SubscriptionStatus.PAST_DUE && held.pastDueSince != null ? held.pastDueSince : at) : null;
        return new SubscriptionState(subscriptionId, accountId, planId, next, billingInterval, trialEnd, currentPeriodEnd,
                cancelAtPeriodEnd, amountMinor, currency, email, asOf, billingSequence, trialStart, currentPeriodStart, source,
                suspended, pastDue);
    }

    /** The same subscription with a later trial end (an operator's extension): the trial period runs to it. */
    public SubscriptionState withTrialEnd(Instant newTrialEnd) {
        return new SubscriptionState(subscriptionId, accountId, planId, status, billingInterval, newTrialEnd,
                status == SubscriptionStatus.TRIALING || status == SubscriptionStatus.EXPIRED ? newTrialEnd : currentPeriodEnd,
                cancelAtPeriodEnd, amountMinor, currency, email, asOf, billingSequence, trialStart, currentPeriodStart, source,
                suspendedFrom, pastDueSince);
    }

    /** Whether the account keeps this plan's features at {@code now}: past due only within {@code grace}. */
    public boolean grantsPlanAt(Instant now, java.time.Duration grace) {
        if (status == SubscriptionStatus.PAST_DUE && pastDueSince != null) {
            return now.isBefore(pastDueSince.plus(grace));
        }
        return status.grantsPlan();
    }

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
