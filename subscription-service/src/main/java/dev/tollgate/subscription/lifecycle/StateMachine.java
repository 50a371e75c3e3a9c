package dev.tollgate.subscription.lifecycle;

import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.ACTIVE;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.CANCELED;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.EXPIRED;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.INCOMPLETE;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.PAST_DUE;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.PAUSED;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.SUSPENDED;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.TRIALING;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.UNPAID;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of one subscription: which status each input leads to from each status, and which
 * inputs a status refuses. A refused input is never applied; the caller logs and counts it.
 * <p>
 * Billing reports follow Stripe's graph: a canceled subscription never comes back, one that was
 * active, past due, unpaid or paused is never incomplete or trialing again. Our own inputs:
 * a trial ends unpaid into {@link SubscriptionStatus#EXPIRED} (a later payment still activates it,
 * Stripe's cancellation of the same trial leaves it expired), the grace of a past-due subscription
 * ends in {@link SubscriptionStatus#UNPAID}, an operator suspends anything not ended and reactivates
 * only a suspended subscription, to the status it had before. A grant (a plan a purchase includes
 * for a while) starts active and ends canceled. While suspended only Stripe's
 * cancellation is taken; other reports are refused (the operator's decision stands until reactivation).
 * Reporting the status a subscription already has is allowed and changes its details only.
 */
public final class StateMachine {

    /** Statuses billing may report first for a subscription we have not seen: Stripe can be anywhere when we start listening. */
    private static final Set<SubscriptionStatus> FIRST_REPORT = EnumSet.of(INCOMPLETE, TRIALING, ACTIVE, PAST_DUE, UNPAID,
            PAUSED, CANCELED);

    private StateMachine() {
    }

    /** What {@code input} does to a subscription in status {@code from}. */
    public sealed interface Decision {
        boolean allowed();
    }

    /** The input applies and the subscription is then in {@code to} (maybe the same status, with new details). */
    public record Allowed(SubscriptionStatus to) implements Decision {
        @Override
        public boolean allowed() {
            return true;
        }
    }

    /** The input does not apply to the status; {@code why} says so for the log. */
    public record Refused(String why) implements Decision {
        @Override
        public boolean allowed() {
            return false;
        }
    }

    /**
     * @param from the subscription's status, null when it does not exist yet
     * @param restoreTo the status before a suspension (only read for {@link LifecycleInput#REACTIVATED_BY_OPERATOR})
     */
    public static Decision next(SubscriptionStatus from, LifecycleInput input, SubscriptionStatus restoreTo) {
        SubscriptionStatus reported = input.reportedStatus();
        if (from == null) {
            if (reported != null && FIRST_REPORT.contains(reported)) {
                return new Allowed(reported);
            }
            return input == LifecycleInput.TRIAL_STARTED ? new Allowed(TRIALING)
                    : input == LifecycleInput.GRANT_STARTED ? new Allowed(ACTIVE)
                    : refused(null, input, "the subscription does not exist yet");
        }
        if (reported != null) {
            return reportedFrom(from, reported, input);
        }
        return switch (input) {
            case TRIAL_STARTED -> refused(from, input, "a subscription starts its trial only once");
            case TRIAL_ENDED -> from == TRIALING ? new Allowed(EXPIRED) : refused(from, input, "only a trial can expire");
            case TRIAL_EXTENDED -> from == TRIALING || from == EXPIRED ? new Allowed(TRIALING)
                    : refused(from, input, "only a trial (running or expired) can be extended");
            case GRACE_ENDED -> from == PAST_DUE ? new Allowed(UNPAID) : refused(from, input, "only a past-due subscription has a grace period");
            case SUSPENDED_BY_OPERATOR -> from == CANCELED || from == EXPIRED || from == SUSPENDED
                    ? refused(from, input, "an ended or already suspended subscription cannot be suspended")
                    : new Allowed(SUSPENDED);
            case REACTIVATED_BY_OPERATOR -> from != SUSPENDED ? refused(from, input, "only a suspended subscription can be reactivated")
                    : restoreTo == null || restoreTo == SUSPENDED ? refused(from, input, "the status before the suspension is unknown")
                    : new Allowed(restoreTo);
            case GRANT_STARTED -> refused(from, input, "a grant starts only once");
            // A suspended grant waits: the job ends it after the reactivation restored it.
            case GRANT_ENDED -> from == ACTIVE ? new Allowed(CANCELED) : refused(from, input, "only a running grant can end");
            default -> throw new IllegalStateException("unhandled input " + input);
        };
    }

    private static Decision reportedFrom(SubscriptionStatus from, SubscriptionStatus reported, LifecycleInput input) {
        if (from == reported) {
            return new Allowed(reported);
        }
        Set<SubscriptionStatus> allowed = switch (from) {
            case INCOMPLETE -> EnumSet.of(TRIALING, ACTIVE, CANCELED);
            case TRIALING -> EnumSet.of(ACTIVE, PAST_DUE, UNPAID, PAUSED, CANCELED);
            case ACTIVE -> EnumSet.of(PAST_DUE, UNPAID, PAUSED, CANCELED);
            case PAST_DUE -> EnumSet.of(ACTIVE, UNPAID, PAUSED, CANCELED);
            case UNPAID -> EnumSet.of(ACTIVE, PAUSED, CANCELED);
            case PAUSED -> EnumSet.of(ACTIVE, PAST_DUE, UNPAID, CANCELED);
            case CANCELED -> EnumSet.noneOf(SubscriptionStatus.class);
            case EXPIRED -> EnumSet.of(ACTIVE, CANCELED);
            case SUSPENDED -> EnumSet.of(CANCELED);
        };
        if (!allowed.contains(reported)) {
            return refused(from, input, "Stripe does not move a subscription from " + from.wireName() + " to " + reported.wireName());
        }
        // Stripe cancels a trial that ended without a payment method: for us that trial already expired.
        return new Allowed(from == EXPIRED && reported == CANCELED ? EXPIRED : reported);
    }

    private static Refused refused(SubscriptionStatus from, LifecycleInput input, String why) {
        return new Refused((from == null ? "none" : from.wireName()) + " + " + input + ": " + why);
    }
}
