package dev.tollgate.subscription.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class EffectiveSubscriptionTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void anActiveSubscriptionSpeaksForTheAccountOverAnOldOneThatEndedLater() {
        SubscriptionState newActive = state("sub_new", SubscriptionStatus.ACTIVE, T0.plusSeconds(10), 40);
        SubscriptionState oldCanceled = state("sub_old", SubscriptionStatus.CANCELED, T0.plusSeconds(20), 30);

        assertThat(EffectiveSubscription.of(List.of(newActive, oldCanceled))).contains(newActive);
        assertThat(EffectiveSubscription.of(List.of(oldCanceled, newActive))).contains(newActive);
    }

    @Test
    void standingRanksActiveThenTrialingThenPastDueThenPausedThenIncompleteThenCanceled() {
        List<SubscriptionStatus> byStanding = List.of(SubscriptionStatus.CANCELED, SubscriptionStatus.INCOMPLETE,
                SubscriptionStatus.PAUSED, SubscriptionStatus.PAST_DUE, SubscriptionStatus.TRIALING, SubscriptionStatus.ACTIVE);
        for (int better = 1; better < byStanding.size(); better++) {
            SubscriptionState worse = state("sub_a", byStanding.get(better - 1), T0.plusSeconds(100), 90);
            SubscriptionState best = state("sub_b", byStanding.get(better), T0, 1);
            assertThat(EffectiveSubscription.of(List.of(worse, best))).as(best.status() + " over " + worse.status()).contains(best);
        }
    }

    @Test
    void amongEqualStandingTheLaterPeriodEndWinsThenTheLaterReport() {
        SubscriptionState endsSooner = state("sub_a", SubscriptionStatus.ACTIVE, T0.plusSeconds(50), 10);
        SubscriptionState endsLater = state("sub_b", SubscriptionStatus.ACTIVE, T0, 20);
        assertThat(EffectiveSubscription.of(List.of(endsSooner, endsLater))).contains(endsLater);

        SubscriptionState reportedLater = state("sub_c", SubscriptionStatus.ACTIVE, T0.plusSeconds(60), 20);
        assertThat(EffectiveSubscription.of(List.of(endsLater, reportedLater))).contains(reportedLater);
    }

    @Test
    void anAccountWithoutSubscriptionsHasNone() {
        assertThat(EffectiveSubscription.of(List.of())).isEmpty();
    }

    private static SubscriptionState state(String id, SubscriptionStatus status, Instant asOf, int periodEndDays) {
        return new SubscriptionState(id, "acct_1", "community", status, "month", null, T0.plus(Duration.ofDays(periodEndDays)),
                false, 2000, "usd", null, asOf, null, null, null, SubscriptionState.STRIPE, null, null);
    }
}
