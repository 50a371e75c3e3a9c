package dev.tollgate.billing.stripe;

import java.time.Duration;

import dev.tollgate.platform.events.MalformedEventException;

/** The reason a parked event goes to the dead-letter topic: its customer was never linked to an account in time. */
class ParkedEventExpiredException extends MalformedEventException {

    ParkedEventExpiredException(StripeEvent event, Duration maxAge) {
        super("Stripe event " + event.id() + " (" + event.type() + ") waited longer than " + maxAge + " for customer "
                + event.customerId() + " to be linked to an account (no checkout.session.completed with "
                + "client_reference_id, no metadata.organization_id); link the customer and replay it");
    }
}
