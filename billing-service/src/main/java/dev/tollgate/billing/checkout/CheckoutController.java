package dev.tollgate.billing.checkout;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.billing.stripeapi.StripeRefusedException;
import dev.tollgate.billing.stripeapi.StripeUnavailableException;
import dev.tollgate.platform.identity.CallerIdentity;

@RestController
class CheckoutController {

    private static final Logger log = LoggerFactory.getLogger(CheckoutController.class);

    private final Checkouts checkouts;

    CheckoutController(Checkouts checkouts) {
        this.checkouts = checkouts;
    }

    @PostMapping("/api/billing/checkout")
    @ResponseStatus(HttpStatus.CREATED)
    Checkouts.CheckoutSession checkout(CallerIdentity caller, @RequestBody Checkouts.CheckoutRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return checkouts.checkout(caller, request, idempotencyKey);
    }

    @PostMapping("/api/billing/portal")
    @ResponseStatus(HttpStatus.CREATED)
    Checkouts.PortalSession portal(CallerIdentity caller, @RequestBody(required = false) Checkouts.PortalRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return checkouts.portal(caller, request, idempotencyKey);
    }

    /** Stripe down, slow past its timeouts or held back by the breaker: try again later, never a hang. */
    @ExceptionHandler(StripeUnavailableException.class)
    ProblemDetail stripeUnavailable(StripeUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Stripe cannot be reached right now; nothing was charged. Try again in a minute.");
        problem.setTitle("Payment provider unavailable");
        return problem;
    }

    /** Stripe refused what we asked (e.g. a catalog price missing from the Stripe account): ours to fix, not the caller's. */
    @ExceptionHandler(StripeRefusedException.class)
    ProblemDetail stripeRefused(StripeRefusedException e) {
        // Stripe's own message may name account internals: it goes to the log, the caller learns what to do.
        log.warn("Stripe refused a checkout or portal request: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "The payment provider refused the request. The operator must bring the Stripe account in line "
                        + "with the catalog (catalog push); the reason is in billing-service's log.");
        problem.setTitle("Payment provider refused");
        return problem;
    }
}
