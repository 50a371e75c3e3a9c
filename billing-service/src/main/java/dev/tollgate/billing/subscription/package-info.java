/**
 * The latest Stripe state of each subscription. Stripe delivers events late, twice and out of
 * order; each event carries the whole subscription object and its creation time, so we keep the
 * newest state per subscription by the platform's one rule ({@code Freshness}) and drop any event
 * older than what we applied. Stripe's {@code created} has one-second precision, so a tie is
 * settled by asking Stripe's API for the subscription as it is now and applying that; where Stripe
 * cannot answer with it, by {@link dev.tollgate.billing.subscription.SubscriptionStatusRank}, which
 * never moves back on a tie. Stripe is called before any row is locked. Every applied state is
 * published as {@code billing.subscription.changed.v1} through the outbox, numbered per subscription
 * ({@code sequence}), so that consumers follow the order decided here: a state settled by Stripe can
 * share its time with the one before it and rank lower.
 */
package dev.tollgate.billing.subscription;
