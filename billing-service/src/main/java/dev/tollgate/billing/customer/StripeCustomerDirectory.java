package dev.tollgate.billing.customer;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;

/** Asks Stripe's API for a customer's e-mail when no webhook told us. */
@Component
class StripeCustomerDirectory {

    private static final Logger log = LoggerFactory.getLogger(StripeCustomerDirectory.class);

    private final StripeClient stripe;

    StripeCustomerDirectory(StripeClient stripe) {
        this.stripe = stripe;
    }

    Optional<String> emailOf(String customerId) {
        try {
            return Optional.ofNullable(stripe.v1().customers().retrieve(customerId).getEmail());
        } catch (StripeException e) {
            // Without an e-mail the account still gets its subscription; only the e-mails wait for a later event.
            log.warn("Could not read Stripe customer {}: {}", customerId, e.getMessage());
            return Optional.empty();
        }
    }
}
