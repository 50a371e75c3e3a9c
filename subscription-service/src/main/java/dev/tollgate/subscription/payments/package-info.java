/**
 * Billing's payment outcomes ({@code billing.payment_succeeded.v1}, {@code billing.payment_failed.v1}),
 * kept per attempt for the business metrics' payment success rate.
 */
package dev.tollgate.subscription.payments;
