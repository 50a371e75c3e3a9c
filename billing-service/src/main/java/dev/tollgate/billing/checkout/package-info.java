/**
 * Starting a purchase: {@code POST /api/billing/checkout} opens a Stripe Checkout session for the
 * caller's account (a plan, Agency with extra sub-organizations as a second quantity line, a recurring
 * add-on, or a one-time purchase in payment mode with an invoice), {@code POST /api/billing/portal} a
 * customer portal session. What may be bought is decided here, from the catalog and from billing's own
 * records of the account's subscriptions, before Stripe is asked: an unknown price, an add-on whose
 * {@code requires_plan} the account lacks, a legacy price for a new signup and a second trial are
 * refused with a problem saying what to do instead. Every session is created with an idempotency key
 * derived from the account, the caller's {@code Idempotency-Key} (if any) and what is bought, so a
 * repeated request returns the same session instead of a second one.
 */
package dev.tollgate.billing.checkout;
