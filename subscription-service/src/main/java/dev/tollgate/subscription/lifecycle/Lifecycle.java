package dev.tollgate.subscription.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what a new billing report means: whether it is news for its subscription at all, and
 * which lifecycle events a change of the account's effective subscription (see
 * {@link EffectiveSubscription}) amounts to.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /**
     * A report that does not supersede the held state of its subscription (the platform's one
     * freshness rule, see {@link SubscriptionState#supersedes}: older, or as old and not later in
     * billing's sequence, or, without a sequence, not further along its lifecycle) is late news:
     * applying it would roll the subscription back, or let arrival order settle a tie.
     */
    public static boolean isOutdated(Optional<SubscriptionState> current, SubscriptionState reported) {
        return current.map(held -> !reported.supersedes(held)).orElse(false);
    }

    /**
     * The lifecycle events that moving the account's effective subscription from {@code current}
     * to {@code reported} means, in the order they happened.
     */
    public static List<Transition> transitions(Optional<SubscriptionState> current, SubscriptionState reported) {
        List<Transition> transitions = new ArrayList<>();
        SubscriptionStatus before = current.map(SubscriptionState::status).orElse(null);
        if (current.isPresent() && !current.get().planId().equals(reported.planId())) {
            transitions.add(Transition.PLAN_CHANGED);
        }
        if (before != reported.status()) {
            statusTransition(reported.status()).ifPresent(transitions::add);
        }
        return transitions;
    }

    private static Optional<Transition> statusTransition(SubscriptionStatus status) {
        return switch (status) {
            case TRIALING -> Optional.of(Transition.TRIAL_STARTED);
            case ACTIVE -> Optional.of(Transition.ACTIVATED);
            case PAST_DUE -> Optional.of(Transition.PAST_DUE);
            case PAUSED -> Optional.of(Transition.PAUSED);
            case CANCELED -> Optional.of(Transition.CANCELED);
            case INCOMPLETE -> Optional.empty();
        };
    }
}
