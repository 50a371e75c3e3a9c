/**
 * The one entry point. {@code identity}: verify the caller's JWT and forward a signed identity
 * to the services behind {@code /api/**} (routes are configuration, see {@code gateway.yml}).
 * {@code webhook}: take Stripe's webhooks, verify them, and answer 2xx only once Kafka holds them.
 */
package dev.tollgate.gateway;
