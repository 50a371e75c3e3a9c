package dev.tollgate.subscription.billing;

import java.time.Instant;
import java.time.ZoneOffset;

import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;

/**
 * Our read model of billing's {@code billing.subscription.changed.v1}: only the fields this service uses.
 *
 * @param sequence billing's order of the subscription's states; null in events from before billing sent it
 * @param currentPeriodStart Stripe's period start, when billing sends it (it does not yet: then it is derived, see
 *        {@link #periodStart})
 */
record BillingSubscriptionChanged(String accountId, Instant occurredAt, Long sequence, String stripeSubscriptionId,
        String planId, String billingInterval, String status, Instant trialStart, Instant trialEnd,
        Instant currentPeriodStart, Instant currentPeriodEnd, boolean cancelAtPeriodEnd, long amountMinor, String currency,
        String customerEmail) {

    /** The reported state of the subscription, in our terms. */
    SubscriptionState toState() {
        SubscriptionStatus ours = SubscriptionStatus.fromStripe(status);
        return SubscriptionState.reported(stripeSubscriptionId, accountId, planId, ours, billingInterval, trialStart, trialEnd,
                periodStart(ours), currentPeriodEnd, cancelAtPeriodEnd, amountMinor, currency, customerEmail, occurredAt,
                sequence);
    }

    /**
     * The current period's start: Stripe's when billing sends it; during a trial the trial's start (the
     * period is the trial); otherwise one billing interval before the period's end.
     */
    Instant periodStart(SubscriptionStatus ours) {
        if (currentPeriodStart != null) {
            return currentPeriodStart;
        }
        if (trialStart != null && trialEnd != null && (ours == SubscriptionStatus.TRIALING || trialEnd.equals(currentPeriodEnd))) {
            return trialStart;
        }
        if (currentPeriodEnd == null) {
            return null;
        }
        var end = currentPeriodEnd.atZone(ZoneOffset.UTC);
        return switch (billingInterval == null ? "month" : billingInterval) {
            case "year" -> end.minusYears(1).toInstant();
            case "week" -> end.minusWeeks(1).toInstant();
            case "day" -> end.minusDays(1).toInstant();
            default -> end.minusMonths(1).toInstant();
        };
    }
}
