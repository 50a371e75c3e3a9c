/**
 * Per-plan rate limits at the edge: the gateway's projection of each account's
 * {@code rate_limit_per_minute} / {@code rate_limit_per_day} from {@code entitlements.changed.v1}
 * (read from Kafka, never asked per request), one token bucket per account holding both windows (Bucket4j, in the gateway's
 * PostgreSQL database, so every replica spends one budget), the IETF {@code RateLimit-Policy} / {@code RateLimit} headers and a 429
 * problem with {@code Retry-After}. Only authenticated {@code /api/**} calls are counted; Stripe's
 * webhooks and the public catalog never are.
 */
package dev.tollgate.gateway.ratelimit;
