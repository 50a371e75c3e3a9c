package dev.tollgate.subscription.lifecycle;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * A running grant (a plan a purchase includes for a while, {@link SubscriptionState#GRANT}) speaks for
 * the account over the best of its own subscriptions when that one grants no plan (or there is none),
 * is a trial of a plan not above the grant's, or is on a plan below the grant's (by the plans' order in
 * the catalog); never over a suspension. Otherwise the account's own subscription speaks, and at the
 * grant's end the account is back on what it has then. Ended grants speak only for an account with
 * nothing else.
 */
public final class EffectiveSubscription {

    private static final Comparator<SubscriptionState> BEST = Comparator
            .comparingInt((SubscriptionState state) -> standing(state.status()))
            .thenComparing(SubscriptionState::currentPeriodEnd, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(SubscriptionState::asOf)
            .thenComparing(SubscriptionState::subscriptionId);

    private EffectiveSubscription() {
    }

    /** The subscription that speaks for the account, empty when it has none; without plan ranks (no catalog). */
    public static Optional<SubscriptionState> of(Collection<SubscriptionState> subscriptionsOfOneAccount) {
        return of(subscriptionsOfOneAccount, Map.of());
    }

    /**
     * The subscription that speaks for the account, empty when it has none.
     *
     * @param planRank each plan's place in the catalog (higher is a bigger plan); a plan not in it ranks lowest
     */
    public static Optional<SubscriptionState> of(Collection<SubscriptionState> subscriptionsOfOneAccount,
            Map<String, Integer> planRank) {
        Optional<SubscriptionState> own = subscriptionsOfOneAccount.stream().filter(s -> !s.isGrant()).max(BEST);
        Optional<SubscriptionState> grant = subscriptionsOfOneAccount.stream()
                .filter(s -> s.isGrant() && s.status() == SubscriptionStatus.ACTIVE)
                .max(Comparator.comparingInt((SubscriptionState s) -> rank(planRank, s.planId())).thenComparing(BEST));
        if (grant.isPresent() && (own.isEmpty() || grantOverrides(grant.get(), own.get(), planRank))) {
            return grant;
        }
        if (own.isPresent()) {
            return own;
        }
        return subscriptionsOfOneAccount.stream().max(BEST);
    }

    /** Only the account's own subscriptions (no grants): what the account pays for. */
    public static Optional<SubscriptionState> ownOf(Collection<SubscriptionState> subscriptionsOfOneAccount) {
        List<SubscriptionState> own = subscriptionsOfOneAccount.stream().filter(s -> !s.isGrant()).toList();
        return own.stream().max(BEST);
    }

    private static boolean grantOverrides(SubscriptionState grant, SubscriptionState own, Map<String, Integer> planRank) {
        if (own.status() == SubscriptionStatus.SUSPENDED) {
            return false;
        }
        if (!own.status().grantsPlan()) {
            return true;
        }
        int compared = Integer.compare(rank(planRank, grant.planId()), rank(planRank, own.planId()));
        return compared > 0 || (compared == 0 && own.status() == SubscriptionStatus.TRIALING);
    }

    private static int rank(Map<String, Integer> planRank, String planId) {
        return planRank.getOrDefault(planId, -1);
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
