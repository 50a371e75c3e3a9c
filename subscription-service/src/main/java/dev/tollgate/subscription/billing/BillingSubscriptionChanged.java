package dev.tollgate.subscription.billing;

import java.time.Instant;

import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;

/**
 * Our read model of billing's {@code billing.subscription.changed.v1}: only the fields this service uses.
 *
 * @param sequence billing's order of the subscription's states; null in events from before billing sent it
 */
record BillingSubscriptionChanged(String accountId, Instant occurredAt, Long sequence, String stripeSubscriptionId,
        String planId, String billingInterval, String status, Instant trialEnd, Instant currentPeriodEnd,
        boolean cancelAtPeriodEnd, long amountMinor, String currency, String customerEmail) {

    /** The reported state of the subscription, in our terms. */
    SubscriptionState toState() {
        return new SubscriptionState(stripeSubscriptionId, accountId, planId, SubscriptionStatus.fromStripe(status),
                billingInterval, trialEnd, currentPeriodEnd, cancelAtPeriodEnd, amountMinor, currency, customerEmail,
                occurredAt, sequence);
    }
}
