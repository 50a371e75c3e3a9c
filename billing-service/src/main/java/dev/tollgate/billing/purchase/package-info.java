/**
 * Completed checkouts. A subscription-mode checkout links the Stripe customer to the account it was
 * opened for. A payment-mode checkout (a Build Sprint option, the AI Token Pack) is a one-time
 * purchase: once paid (at completion, or for a delayed method such as SEPA debit at
 * {@code checkout.session.async_payment_succeeded}) each line item is recorded once per session
 * and announced as {@code billing.one_time_purchase_completed.v1} with its catalog product.
 * Webhooks do not carry line items: they come from the session's metadata that our checkout wrote,
 * or else from Stripe's API, asked before any row is locked.
 */
package dev.tollgate.billing.purchase;
