package dev.tollgate.subscription.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tollgate.platform.events.MalformedEventException;

class LifecycleTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void aFirstReportThatIsTrialingStartsTheTrial() {
        assertThat(Lifecycle.transitions(Optional.empty(), state("community", SubscriptionStatus.TRIALING, T0)))
                .containsExactly(Transition.TRIAL_STARTED);
    }

    @Test
    void aTrialThatTurnsActiveIsActivated() {
        assertThat(Lifecycle.transitions(Optional.of(state("community", SubscriptionStatus.TRIALING, T0)),
                state("community", SubscriptionStatus.ACTIVE, T0.plusSeconds(60)))).containsExactly(Transition.ACTIVATED);
    }

    @Test
    void theSameStatusReportedAgainMeansNothingHappened() {
        SubscriptionState active = state("community", SubscriptionStatus.ACTIVE, T0);
        assertThat(Lifecycle.transitions(Optional.of(active), state("community", SubscriptionStatus.ACTIVE, T0.plusSeconds(5))))
                .isEmpty();
    }

    @Test
    void aFailedRenewalMakesItPastDueAndRecoveryActivatesItAgain() {
        SubscriptionState active = state("community", SubscriptionStatus.ACTIVE, T0);
        SubscriptionState pastDue = state("community", SubscriptionStatus.PAST_DUE, T0.plusSeconds(10));
        assertThat(Lifecycle.transitions(Optional.of(active), pastDue)).containsExactly(Transition.PAST_DUE);
        assertThat(Lifecycle.transitions(Optional.of(pastDue), state("community", SubscriptionStatus.ACTIVE, T0.plusSeconds(20))))
                .containsExactly(Transition.ACTIVATED);
    }

    @Test
    void aPlanSwitchIsReportedEvenWhenTheStatusStaysTheSame() {
        assertThat(Lifecycle.transitions(Optional.of(state("starter", SubscriptionStatus.ACTIVE, T0)),
                state("professional", SubscriptionStatus.ACTIVE, T0.plusSeconds(1)))).containsExactly(Transition.PLAN_CHANGED);
    }

    @Test
    void anIncompleteSubscriptionIsNotNews() {
        assertThat(Lifecycle.transitions(Optional.empty(), state("community", SubscriptionStatus.INCOMPLETE, T0))).isEmpty();
    }

    @Test
    void aReportOlderThanTheHeldStateIsOutdated() {
        SubscriptionState active = state("community", SubscriptionStatus.ACTIVE, T0.plusSeconds(100));
        assertThat(Lifecycle.isOutdated(Optional.of(active), state("community", SubscriptionStatus.TRIALING, T0))).isTrue();
        assertThat(Lifecycle.isOutdated(Optional.of(active), state("community", SubscriptionStatus.CANCELED, T0.plusSeconds(200))))
                .isFalse();
        assertThat(Lifecycle.isOutdated(Optional.empty(), state("community", SubscriptionStatus.TRIALING, T0))).isFalse();
    }

    @Test
    void aTieInTimeGoesToTheStatusFurtherAlongAndNeverMovesBack() {
        SubscriptionState active = state("community", SubscriptionStatus.ACTIVE, T0);
        SubscriptionState incomplete = state("community", SubscriptionStatus.INCOMPLETE, T0);
        assertThat(Lifecycle.isOutdated(Optional.of(active), incomplete)).isTrue();
        assertThat(Lifecycle.isOutdated(Optional.of(incomplete), active)).isFalse();
        assertThat(Lifecycle.isOutdated(Optional.of(active), state("community", SubscriptionStatus.CANCELED, T0))).isFalse();
    }

    @Test
    void anEqualReportKeepsWhatIsHeld() {
        SubscriptionState active = state("community", SubscriptionStatus.ACTIVE, T0);
        assertThat(Lifecycle.isOutdated(Optional.of(active), state("starter", SubscriptionStatus.ACTIVE, T0))).isTrue();
    }

    @Test
    void onATieBillingsSequenceDecidesEvenWhereTheStatusRankWouldNot() {
        SubscriptionState paused = sequenced(SubscriptionStatus.PAUSED, T0, 1);
        SubscriptionState resumed = sequenced(SubscriptionStatus.ACTIVE, T0, 2);
        assertThat(Lifecycle.isOutdated(Optional.of(paused), resumed)).isFalse();
        assertThat(Lifecycle.isOutdated(Optional.of(resumed), paused)).isTrue();
        assertThat(Lifecycle.isOutdated(Optional.of(resumed), resumed)).isTrue();
    }

    @Test
    void aLaterTimeWinsWhateverTheSequenceAndReportsWithoutOneFallBackToTheStatusRank() {
        assertThat(Lifecycle.isOutdated(Optional.of(sequenced(SubscriptionStatus.ACTIVE, T0, 7)),
                sequenced(SubscriptionStatus.ACTIVE, T0.plusSeconds(1), 1))).isFalse();
        SubscriptionState unnumberedPaused = state("community", SubscriptionStatus.PAUSED, T0);
        SubscriptionState numberedActive = sequenced(SubscriptionStatus.ACTIVE, T0, 2);
        assertThat(Lifecycle.isOutdated(Optional.of(unnumberedPaused), numberedActive)).isTrue();
        assertThat(Lifecycle.isOutdated(Optional.of(numberedActive), unnumberedPaused)).isFalse();
    }

    @Test
    void stripeStatusesMapToOurs() {
        assertThat(SubscriptionStatus.fromStripe("unpaid")).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(SubscriptionStatus.fromStripe("incomplete_expired")).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(SubscriptionStatus.fromStripe("trialing")).isEqualTo(SubscriptionStatus.TRIALING);
    }

    @Test
    void anUnknownStripeStatusIsPoisonNotATransientFailure() {
        assertThatThrownBy(() -> SubscriptionStatus.fromStripe("sleeping")).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("sleeping");
    }

    private static SubscriptionState state(String plan, SubscriptionStatus status, Instant asOf) {
        return new SubscriptionState("sub_1", "acct_1", plan, status, "month", null, null, false, 2000, "usd", null, asOf, null);
    }

    private static SubscriptionState sequenced(SubscriptionStatus status, Instant asOf, long billingSequence) {
        return new SubscriptionState("sub_1", "acct_1", "community", status, "month", null, null, false, 2000, "usd", null,
                asOf, billingSequence);
    }
}
