/**
 * The one entry point. {@code access}: deny by default, refuse ambiguous paths, authenticate
 * bearer tokens (Spring Security). {@code identity}: verify the caller's JWT and forward a signed identity
 * to the services behind {@code /api/**} (routes are configuration, see {@code gateway.yml}).
 * {@code webhook}: take Stripe's webhooks, verify them, and answer 2xx only once Kafka holds them.
 */
package dev.tollgate.gateway;
