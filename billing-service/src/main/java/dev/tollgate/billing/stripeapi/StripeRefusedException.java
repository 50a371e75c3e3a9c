package dev.tollgate.billing.stripeapi;

/**
 * Stripe answered a write with a 4xx: the request itself is wrong (an unknown price, a parameter Stripe
 * does not accept for this account). Asking again would get the same answer, so it is not retried.
 */
public class StripeRefusedException extends RuntimeException {

    private final int status;

    StripeRefusedException(String operation, int status, String message, Throwable cause) {
        super("Stripe refused " + operation + " (" + status + "): " + message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
