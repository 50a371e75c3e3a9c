package dev.tollgate.billing.stripeapi;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

/** Which failures of a Stripe call are worth repeating. */
final class StripeFailures {

    private StripeFailures() {
    }

    /**
     * I/O (no answer), 429 (rate limited) and 5xx (Stripe's fault) may succeed later; a 4xx
     * otherwise (card declined, invalid request, unknown object, bad key) answers the same again.
     * Anything else the client throws (seen: a {@code NullPointerException} for a 503 with an empty
     * body, as a proxy sends) is an answer that was not Stripe's, so it is retried too; an open
     * breaker is not.
     */
    static boolean isRetryable(Throwable failure) {
        if (failure instanceof ApiConnectionException) {
            return true;
        }
        if (failure instanceof StripeException stripe) {
            Integer status = stripe.getStatusCode();
            return status != null && (status == 429 || status >= 500);
        }
        return !(failure instanceof CallNotPermittedException);
    }

    static int statusOf(StripeException failure) {
        return failure.getStatusCode() == null ? 0 : failure.getStatusCode();
    }
}
