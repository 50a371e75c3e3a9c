package dev.tollgate.billing.customer;

import dev.tollgate.platform.events.MalformedEventException;

/**
 * A Stripe event names another account for a customer that is already linked. Moving the customer
 * would silently hand one account's subscription (and its entitlements) to another, so the event is
 * dead-lettered for an operator instead; replaying it changes nothing until the link is corrected.
 */
public class CustomerRelinkRefusedException extends MalformedEventException {

    CustomerRelinkRefusedException(String customerId, String linkedAccount, String claimedAccount, String source) {
        super("Stripe customer " + customerId + " is linked to account " + linkedAccount + ", but " + source
                + " names account " + claimedAccount + "; re-linking a customer to another account is refused");
    }
}
