package dev.tollgate.subscription.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides what a new billing report means for a subscription. */
public final class Lifecycle {

    private Lifecycle() {
    }

    /** A report older than the state we hold is late news: applying it would roll the subscription back. */
    public static boolean isOutdated(Optional<SubscriptionState> current, SubscriptionState reported) {
        return current.map(state -> state.asOf().isAfter(reported.asOf())).orElse(false);
    }

    /** The lifecycle events that moving from {@code current} to {@code reported} means, in the order they happened. */
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
