package dev.tollgate.billing.stripeapi;

/**
 * Stripe's API did not give an answer we can act on: no connection, a timeout, 429 or 5xx after
 * every retry, the breaker open, or an unexpected refusal such as a revoked key. Deliberately not
 * a {@code MalformedEventException}: the event is fine, so the consumer retries it with backoff
 * until Stripe answers, and nothing that depends on the answer (a welcome e-mail) is dropped.
 */
public class StripeUnavailableException extends RuntimeException {

    StripeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
