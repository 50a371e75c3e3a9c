package dev.tollgate.billing.subscription;

import java.util.List;

/**
 * How far along its lifecycle a Stripe subscription status is: the tie-break of the freshness rule
 * when two events share Stripe's one-second {@code created} and Stripe's API cannot be asked which
 * state is current. Ordered by the way Stripe moves a subscription: {@code incomplete} first,
 * then the trial, then paid, then the dunning states, and the ends last.
 * <pre>
 * incomplete 0 &lt; trialing 1 &lt; active 2 &lt; past_due 3 &lt; unpaid 4 &lt; paused 5 &lt; incomplete_expired 6 &lt; canceled 7
 * </pre>
 * An unknown status ranks lowest, so it never displaces a known one on a tie. Equal rank keeps
 * what is held, so a tie never moves a subscription backwards and the outcome does not depend on
 * delivery order. (It cannot tell a same-second {@code paused} then {@code resumed}; that is what
 * the re-read from Stripe is for.)
 */
final class SubscriptionStatusRank {

    private static final List<String> ORDER = List.of("incomplete", "trialing", "active", "past_due", "unpaid", "paused",
            "incomplete_expired", "canceled");

    private SubscriptionStatusRank() {
    }

    static long of(String status) {
        return ORDER.indexOf(status);
    }
}
