/**
 * Calling Stripe's API. One injected {@code StripeClient} (no static {@code Stripe.apiKey}), with
 * connect and read timeouts, guarded by Resilience4j: a circuit breaker and a retry with
 * exponential backoff that act only on failures worth repeating (I/O, 429, 5xx), never on a 4xx
 * such as a card or validation error. Each operation is timed in
 * {@code tollgate.stripe.api.calls} (tags {@code operation}, {@code outcome}); Resilience4j's own
 * meters show the breaker's state and the retries. A call that still fails throws
 * {@link dev.tollgate.billing.stripeapi.StripeUnavailableException}, which consumers treat as
 * transient: the record is retried with backoff, never skipped.
 */
package dev.tollgate.billing.stripeapi;
