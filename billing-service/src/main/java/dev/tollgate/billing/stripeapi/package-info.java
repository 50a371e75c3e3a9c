/**
 * Calling Stripe's API. One injected {@code StripeClient} (no static {@code Stripe.apiKey}), with
 * connect and read timeouts, guarded by Resilience4j: a circuit breaker and a retry with
 * exponential backoff that act only on failures worth repeating (I/O, 429, 5xx), never on a 4xx
 * such as a card or validation error. Each operation is timed in
 * {@code tollgate.stripe.api.calls} (tags {@code operation}, {@code outcome}); Resilience4j's own
 * meters show the breaker's state and the retries. A call that still fails throws
 * {@link dev.tollgate.billing.stripeapi.StripeUnavailableException}, which consumers treat as
 * transient: the record is retried with backoff, never skipped; an API caller gets a 503 problem.
 * Writes ({@code StripeApi#post}) carry an idempotency key derived from our own request or event id
 * and what is written, so a retry or replay never creates a second object; Stripe refusing a write
 * (a 4xx) is a {@link dev.tollgate.billing.stripeapi.StripeRefusedException}, not retried. Failed
 * calls are also counted in {@code tollgate.stripe.api.errors} by operation and outcome.
 */
package dev.tollgate.billing.stripeapi;
