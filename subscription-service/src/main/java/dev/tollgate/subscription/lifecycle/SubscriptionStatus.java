package dev.tollgate.subscription.lifecycle;

import java.util.Locale;

import dev.tollgate.platform.events.MalformedEventException;

/**
 * Our statuses; Stripe's {@code unpaid} counts as past due and {@code incomplete_expired} as canceled.
 * <p>
 * The declaration order is the lifecycle rank that settles a tie between two reports about one
 * subscription with the same time (Stripe's {@code created} has one-second precision): the
 * status further along Stripe's usual path wins, incomplete &lt; trialing &lt; active &lt;
 * past due &lt; paused &lt; canceled, so a tie never moves a subscription back (an
 * {@code incomplete} never overwrites the {@code active} of the same second, nothing overwrites
 * {@code canceled}). Billing's own {@code sequence} settles a tie first where both reports carry
 * one (see {@link SubscriptionState#supersedes}); this rank is for reports without it.
 * Do not reorder the constants without updating the READMEs.
 */
public enum SubscriptionStatus {
    INCOMPLETE, TRIALING, ACTIVE, PAST_DUE, PAUSED, CANCELED;

    public static SubscriptionStatus fromStripe(String status) {
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "trialing" -> TRIALING;
            case "active" -> ACTIVE;
            case "past_due", "unpaid" -> PAST_DUE;
            case "paused" -> PAUSED;
            case "canceled", "incomplete_expired" -> CANCELED;
            case "incomplete" -> INCOMPLETE;
            // No retry can make an unknown status known: dead-letter it at once.
            default -> throw new MalformedEventException("unknown Stripe subscription status '" + status + "'");
        };
    }

    /** Higher wins a tie in time between two reports about the same subscription. */
    public int lifecycleRank() {
        return ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
