package dev.tollgate.subscription.billing;

import java.time.Instant;

/** Our read model of billing's {@code billing.subscription.changed.v1}: only the fields this service uses. */
record BillingSubscriptionChanged(String accountId, Instant occurredAt, String stripeSubscriptionId, String planId,
        String billingInterval, String status, Instant trialEnd, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
        long amountMinor, String currency, String customerEmail) {
}
