package dev.tollgate.billing.subscription;

import dev.tollgate.platform.events.MalformedEventException;

/** A subscription to a price the catalog does not know: a configuration error for an operator, so it is dead-lettered. */
public class UnknownPriceException extends MalformedEventException {

    /** For anything else that names a price: {@code what} says where it came from (e.g. a checkout session). */
    public UnknownPriceException(String what, String priceId, boolean other) {
        super(what + " is for Stripe price " + priceId
                + ", which no product of the catalog (catalogs/<TOLLGATE_CATALOG>.yml) lists; add it (or set its environment variable) and replay the dead letter");
    }

    public UnknownPriceException(String subscriptionId, String priceId) {
        super("subscription " + subscriptionId + " is for Stripe price " + priceId
                + ", which no product of the catalog (catalogs/<TOLLGATE_CATALOG>.yml) lists; add it (or set its environment variable) and replay the dead letter");
    }
}
