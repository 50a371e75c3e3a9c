/**
 * billing-service: everything Stripe. {@code catalog}: the plans and prices we sell, as code.
 * {@code stripe}: reads raw Stripe events from Kafka and routes them. {@code customer}: which
 * Stripe customer is which Tollgate account. {@code subscription}: keeps the latest Stripe state
 * of each subscription and publishes it as a normalized {@code billing.subscription.changed.v1}.
 */
package dev.tollgate.billing;
