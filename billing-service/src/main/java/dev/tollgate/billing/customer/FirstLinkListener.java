package dev.tollgate.billing.customer;

/**
 * Told when a Stripe customer is linked to an account for the first time, whichever event stored the
 * link (a checkout, a subscription's metadata). Called inside the transaction that stores it.
 */
public interface FirstLinkListener {

    void firstLinked(CustomerLink link);
}
