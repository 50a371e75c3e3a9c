package dev.tollgate.subscription.lifecycle;

import java.util.Locale;

import dev.tollgate.platform.events.MalformedEventException;

/**
 * Our statuses. Stripe's {@code unpaid} is {@link #UNPAID}, not past due: Stripe gave up retrying,
 * so access stops; {@code incomplete_expired} counts as canceled. {@link #EXPIRED} (a trial that ended
 * unpaid) and {@link #SUSPENDED} (by an operator) are ours alone: billing never reports them.
 * <p>
 * {@link #lifecycleRank()} settles a tie between two reports about one subscription with the same
 * time and no billing {@code sequence} (Stripe's {@code created} has one-second precision): the status
 * further along Stripe's usual path wins, incomplete &lt; trialing &lt; active &lt; past due &lt; unpaid
 * &lt; paused &lt; canceled, so a tie never moves a subscription back. Billing's own {@code sequence}
 * settles a tie first where both reports carry one (see {@link SubscriptionState#supersedes}).
 * Do not change the ranks without updating the READMEs.
 */
public enum SubscriptionStatus {
    INCOMPLETE(0), TRIALING(10), ACTIVE(20), PAST_DUE(30), PAUSED(40), CANCELED(50),
    UNPAID(35), EXPIRED(45), SUSPENDED(60);

    private final int rank;

    SubscriptionStatus(int rank) {
        this.rank = rank;
    }

    public static SubscriptionStatus fromStripe(String status) {
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "trialing" -> TRIALING;
            case "active" -> ACTIVE;
            case "past_due" -> PAST_DUE;
            case "unpaid" -> UNPAID;
            case "paused" -> PAUSED;
            case "canceled", "incomplete_expired" -> CANCELED;
            case "incomplete" -> INCOMPLETE;
            // No retry can make an unknown status known: dead-letter it at once.
            default -> throw new MalformedEventException("unknown Stripe subscription status '" + status + "'");
        };
    }

    /** Higher wins a tie in time between two reports about the same subscription. */
    public int lifecycleRank() {
        return rank;
    }

    /**
     * Whether the account keeps its plan's features in this status. Past due keeps them only for the
     * grace period: when it ends the subscription becomes {@link #UNPAID} (see {@link LifecycleInput#GRACE_ENDED}).
     * Every other status falls back to the free tier.
     */
    public boolean grantsPlan() {
        return this == TRIALING || this == ACTIVE || this == PAST_DUE;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
