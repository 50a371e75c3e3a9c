package dev.tollgate.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.tollgate.platform.events.Freshness;

class SubscriptionStatusRankTest {

    private static final Instant SECOND = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void theRankFollowsStripesLifecycleFromIncompleteToCanceled() {
        assertThat(SubscriptionStatusRank.of("incomplete")).isLessThan(SubscriptionStatusRank.of("trialing"));
        assertThat(SubscriptionStatusRank.of("trialing")).isLessThan(SubscriptionStatusRank.of("active"));
        assertThat(SubscriptionStatusRank.of("active")).isLessThan(SubscriptionStatusRank.of("past_due"));
        assertThat(SubscriptionStatusRank.of("past_due")).isLessThan(SubscriptionStatusRank.of("canceled"));
    }

    @Test
    void onATieAnUnknownStatusNeverDisplacesAKnownOne() {
        Freshness held = Freshness.of(SECOND, SubscriptionStatusRank.of("incomplete"));
        assertThat(Freshness.of(SECOND, SubscriptionStatusRank.of("some_future_status")).supersedes(held)).isFalse();
    }

    @Test
    void onATieActiveReplacesIncompleteButIncompleteNeverReplacesActive() {
        Freshness incomplete = Freshness.of(SECOND, SubscriptionStatusRank.of("incomplete"));
        Freshness active = Freshness.of(SECOND, SubscriptionStatusRank.of("active"));
        assertThat(active.supersedes(incomplete)).isTrue();
        assertThat(incomplete.supersedes(active)).isFalse();
    }
}
