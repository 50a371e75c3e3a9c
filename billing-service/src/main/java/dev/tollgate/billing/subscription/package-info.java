/**
 * The latest Stripe state of each subscription. Stripe delivers events late, twice and out of
 * order; each event carries the whole subscription object and its creation time, so we keep
 * the newest state per subscription and drop any event older than what we applied. Every
 * applied state is published as {@code billing.subscription.changed.v1} through the outbox.
 */
package dev.tollgate.billing.subscription;
