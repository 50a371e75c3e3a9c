package dev.tollgate.subscription.lifecycle;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which of an account's subscriptions speaks for the account. A customer can hold several (an
 * old one running out while a new one is active, a canceled one beside a new trial); the
 * account's subscription, and so its entitlements, is the best current one, never whichever was
 * reported last.
 * <p>
 * Best means, in this order:
 * <ol>
 * <li>the higher standing: suspended (an operator's decision speaks for the whole account) &gt; active
 * &gt; trialing &gt; past due (Stripe is still retrying, access continues for the grace period) &gt;
 * unpaid &gt; paused &gt; incomplete &gt; canceled = expired;</li>
 * <li>among equal standing, the later current period end (a subscription without one last);</li>
 * <li>then the later report ({@code asOf});</li>
 * <li>then the greater subscription id, only so that the choice never depends on reading order.</li>
 * </ol>
 */
public final class EffectiveSubscription {

    private static final Comparator<SubscriptionState> BEST = Comparator
            .comparingInt((SubscriptionState state) -> standing(state.status()))
            .thenComparing(SubscriptionState::currentPeriodEnd, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(SubscriptionState::asOf)
            .thenComparing(SubscriptionState::subscriptionId);

    private EffectiveSubscription() {
    }

    /** The subscription that speaks for the account, empty when it has none. */
    public static Optional<SubscriptionState> of(Collection<SubscriptionState> subscriptionsOfOneAccount) {
        return subscriptionsOfOneAccount.stream().max(BEST);
    }

    /** Higher is better standing; see the class comment. */
    static int standing(SubscriptionStatus status) {
        return switch (status) {
            case SUSPENDED -> 7;
            case ACTIVE -> 6;
            case TRIALING -> 5;
            case PAST_DUE -> 4;
            case UNPAID -> 3;
            case PAUSED -> 2;
            case INCOMPLETE -> 1;
            case CANCELED, EXPIRED -> 0;
        };
    }
}
