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
    void aFailedRenewalMakesItPastDueAndRecoveryIsARecoveryThenTheActivationOlderConsumersKnow() {
        SubscriptionState active = state("community", SubscriptionStatus.ACTIVE, T0);
        SubscriptionState pastDue = state("community", SubscriptionStatus.PAST_DUE, T0.plusSeconds(10));
        assertThat(Lifecycle.transitions(Optional.of(active), pastDue)).containsExactly(Transition.PAST_DUE);
        assertThat(Lifecycle.transitions(Optional.of(pastDue), state("community", SubscriptionStatus.ACTIVE, T0.plusSeconds(20))))
                .containsExactly(Transition.RECOVERED, Transition.ACTIVATED);
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
        assertThat(SubscriptionStatus.fromStripe("unpaid")).as("unpaid is not past due: Stripe gave up, access stops")
                .isEqualTo(SubscriptionStatus.UNPAID);
        assertThat(SubscriptionStatus.UNPAID.grantsPlan()).isFalse();
        assertThat(SubscriptionStatus.PAST_DUE.grantsPlan()).isTrue();
        assertThat(SubscriptionStatus.fromStripe("incomplete_expired")).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(SubscriptionStatus.fromStripe("trialing")).isEqualTo(SubscriptionStatus.TRIALING);
    }

    @Test
    void anUnknownStripeStatusIsPoisonNotATransientFailure() {
        assertThatThrownBy(() -> SubscriptionStatus.fromStripe("sleeping")).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("sleeping");
    }

    @Test
    void eachNewTransitionIsPublishedBeforeTheTypeOlderConsumersReadForItsStatus() {
        assertThat(Lifecycle.transitions(Optional.of(state("community", SubscriptionStatus.PAUSED, T0)),
                state("community", SubscriptionStatus.ACTIVE, T0))).containsExactly(Transition.RESUMED, Transition.ACTIVATED);
        assertThat(Lifecycle.transitions(Optional.of(state("community", SubscriptionStatus.UNPAID, T0)),
                state("community", SubscriptionStatus.ACTIVE, T0))).containsExactly(Transition.RECOVERED, Transition.ACTIVATED);
        assertThat(Lifecycle.transitions(Optional.of(state("community", SubscriptionStatus.TRIALING, T0)),
                state("community", SubscriptionStatus.EXPIRED, T0))).containsExactly(Transition.TRIAL_EXPIRED, Transition.CANCELED);
        assertThat(Lifecycle.transitions(Optional.of(state("community", SubscriptionStatus.ACTIVE, T0)),
                state("community", SubscriptionStatus.SUSPENDED, T0)))
                .containsExactly(Transition.ACCOUNT_SUSPENDED, Transition.CANCELED);
        assertThat(Lifecycle.transitions(Optional.of(state("community", SubscriptionStatus.SUSPENDED, T0)),
                state("community", SubscriptionStatus.TRIALING, T0)))
                .containsExactly(Transition.ACCOUNT_REACTIVATED, Transition.TRIAL_STARTED);
        assertThat(Lifecycle.transitions(Optional.of(state("community", SubscriptionStatus.PAST_DUE, T0)),
                state("community", SubscriptionStatus.UNPAID, T0))).as("access stops: older consumers hear past_due with status unpaid")
                .containsExactly(Transition.PAST_DUE);
        assertThat(Lifecycle.transitions(Optional.empty(), state("community", SubscriptionStatus.ACTIVE, T0)))
                .containsExactly(Transition.ACTIVATED);
    }

    @Test
    void aPlanChangeIsAnUpgradeOrDowngradeByItsPricePerMonthWithAnnualPricesDividedByTwelve() {
        SubscriptionState monthly20 = priced("community", 2000, "month", "usd");
        SubscriptionState annual200 = priced("community", 20000, "year", "usd");
        SubscriptionState monthly50 = priced("pro", 5000, "month", "usd");
        assertThat(Lifecycle.direction(monthly20, monthly50)).isEqualTo("upgrade");
        assertThat(Lifecycle.direction(monthly50, monthly20)).isEqualTo("downgrade");
        assertThat(Lifecycle.direction(monthly20, annual200)).as("16.67 a month is less than 20").isEqualTo("downgrade");
        assertThat(Lifecycle.direction(monthly20, priced("community", 2000, "month", "usd"))).isEqualTo("lateral");
        assertThat(Lifecycle.direction(monthly20, priced("community", 18000, "month", "clp"))).isEqualTo("lateral");
        assertThat(Lifecycle.Money.perMonth(20000, "year")).isEqualByComparingTo("1666.666667");
    }

    @Test
    void pastDueKeepsThePlanOnlyForTheGracePeriod() {
        SubscriptionState pastDue = state("community", SubscriptionStatus.ACTIVE, T0)
                .withStatus(SubscriptionStatus.PAST_DUE, state("community", SubscriptionStatus.ACTIVE, T0), T0);
        assertThat(pastDue.pastDueSince()).isEqualTo(T0);
        assertThat(pastDue.grantsPlanAt(T0.plus(java.time.Duration.ofDays(2)), java.time.Duration.ofDays(3))).isTrue();
        assertThat(pastDue.grantsPlanAt(T0.plus(java.time.Duration.ofDays(3)), java.time.Duration.ofDays(3))).isFalse();
        SubscriptionState stillPastDue = pastDue.withStatus(SubscriptionStatus.PAST_DUE, pastDue, T0.plusSeconds(3600));
        assertThat(stillPastDue.pastDueSince()).as("a second past-due report keeps the grace clock").isEqualTo(T0);
    }

    @Test
    void aSuspensionRemembersWhatItSuspended() {
        SubscriptionState trial = state("community", SubscriptionStatus.TRIALING, T0);
        SubscriptionState suspended = trial.withStatus(SubscriptionStatus.SUSPENDED, trial, T0);
        assertThat(suspended.suspendedFrom()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(suspended.withStatus(SubscriptionStatus.TRIALING, suspended, T0).suspendedFrom()).isNull();
    }

    private static SubscriptionState priced(String plan, long amount, String interval, String currency) {
        return new SubscriptionState("sub_1", "acct_1", plan, SubscriptionStatus.ACTIVE, interval, null, null, false, amount,
                currency, null, T0, null, null, null, SubscriptionState.STRIPE, null, null);
    }

    private static SubscriptionState state(String plan, SubscriptionStatus status, Instant asOf) {
        return new SubscriptionState("sub_1", "acct_1", plan, status, "month", null, null, false, 2000, "usd", null, asOf, null, null, null,
                SubscriptionState.STRIPE, null, null);
    }

    private static SubscriptionState sequenced(SubscriptionStatus status, Instant asOf, long billingSequence) {
        return new SubscriptionState("sub_1", "acct_1", "community", status, "month", null, null, false, 2000, "usd", null,
                asOf, billingSequence, null, null, SubscriptionState.STRIPE, null, null);
    }
}
