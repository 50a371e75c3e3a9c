package dev.tollgate.subscription.lifecycle;

/**
 * What can happen to one subscription: a status billing reports (Stripe's word), the passing of
 * time, a signup, or an operator's action. {@link StateMachine} decides which of them each status
 * accepts.
 */
public enum LifecycleInput {
    REPORTED_INCOMPLETE(SubscriptionStatus.INCOMPLETE),
    REPORTED_TRIALING(SubscriptionStatus.TRIALING),
    REPORTED_ACTIVE(SubscriptionStatus.ACTIVE),
    REPORTED_PAST_DUE(SubscriptionStatus.PAST_DUE),
    REPORTED_UNPAID(SubscriptionStatus.UNPAID),
    REPORTED_PAUSED(SubscriptionStatus.PAUSED),
    REPORTED_CANCELED(SubscriptionStatus.CANCELED),
    /** A signup starts a trial without a card. */
    TRIAL_STARTED(null),
    /** The trial end passed without a payment. */
    TRIAL_ENDED(null),
    /** An operator moved the trial end later. */
    TRIAL_EXTENDED(null),
    /** The past-due grace period ran out. */
    GRACE_ENDED(null),
    SUSPENDED_BY_OPERATOR(null),
    REACTIVATED_BY_OPERATOR(null),
    /** A purchase (a Build Sprint) grants a plan for a while: a new subscription of source {@code grant}. */
    GRANT_STARTED(null),
    /** The grant's period ran out. */
    GRANT_ENDED(null);

    private final SubscriptionStatus reported;

    LifecycleInput(SubscriptionStatus reported) {
        this.reported = reported;
    }

    /** The input a billing report of {@code status} is. */
    public static LifecycleInput reported(SubscriptionStatus status) {
        for (LifecycleInput input : values()) {
            if (input.reported == status) {
                return input;
            }
        }
        throw new IllegalArgumentException("billing never reports " + status);
    }

    /** The status billing reported, null for an input that is not a billing report. */
    public SubscriptionStatus reportedStatus() {
        return reported;
    }
}
