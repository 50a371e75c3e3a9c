package dev.tollgate.platform.events;

/**
 * One topic per producing domain. Records are keyed by account id (raw Stripe events by Stripe
 * customer id) so that all events of one account keep their order within a partition.
 * Failed records of a topic land in {@code <topic>.dlt}.
 */
public final class Topics {

    public static final String STRIPE_WEBHOOKS = "tollgate.stripe.webhooks";
    public static final String BILLING = "tollgate.billing.events";
    public static final String SUBSCRIPTION = "tollgate.subscription.events";
    public static final String ENTITLEMENT = "tollgate.entitlement.events";
    public static final String COMMUNITY = "tollgate.community.events";
    public static final String TICKET = "tollgate.ticket.events";
    /** Compacted: the latest catalog billing published (key {@code catalog}), kept for every consumer that starts later. */
    public static final String CATALOG = "tollgate.catalog";

    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
