package dev.tollgate.ticket.period;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class BillingPeriodTest {

    @Test
    void thePeriodHoldingNowEndsAtTheSubscriptionsBoundary() {
        BillingPeriod period = BillingPeriod.containing(Instant.parse("2026-03-15T10:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));

        assertThat(period).isEqualTo(new BillingPeriod(Instant.parse("2026-02-15T10:00:00Z"), Instant.parse("2026-03-15T10:00:00Z")));
    }

    @Test
    void pastTheBoundaryPeriodsStepOnByMonthsFromIt() {
        BillingPeriod period = BillingPeriod.containing(Instant.parse("2026-03-15T10:00:00Z"), Instant.parse("2026-05-20T00:00:00Z"));

        assertThat(period).isEqualTo(new BillingPeriod(Instant.parse("2026-05-15T10:00:00Z"), Instant.parse("2026-06-15T10:00:00Z")));
    }

    @Test
    void theBoundaryItselfBelongsToTheNextPeriod() {
        Instant boundary = Instant.parse("2026-03-15T10:00:00Z");

        assertThat(BillingPeriod.containing(boundary, boundary).start()).isEqualTo(boundary);
    }

    @Test
    void aMonthEndAnchorDoesNotDriftThroughShortMonths() {
        Instant anchor = Instant.parse("2026-01-31T00:00:00Z");

        assertThat(BillingPeriod.containing(anchor, Instant.parse("2026-03-30T12:00:00Z")).start())
                .isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
        assertThat(BillingPeriod.containing(anchor, Instant.parse("2026-03-31T12:00:00Z")).start())
                .isEqualTo(Instant.parse("2026-03-31T00:00:00Z"));
    }

    @Test
    void withoutASubscriptionTheCalendarMonthInUtc() {
        assertThat(BillingPeriod.containing(null, Instant.parse("2026-12-06T17:00:00Z"))).isEqualTo(
                new BillingPeriod(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")));
    }

    @Test
    void aTrialIsItsOwnPeriodFromItsStartNotAMonthBeforeItsEnd() {
        Instant trialStart = Instant.parse("2026-12-06T10:00:00Z");
        Instant trialEnd = Instant.parse("2026-12-20T10:00:00Z");

        assertThat(BillingPeriod.containing(trialStart, trialEnd, Instant.parse("2026-12-07T00:00:00Z")))
                .isEqualTo(new BillingPeriod(trialStart, trialEnd));
    }

    @Test
    void pastTheReportedPeriodPeriodsStepOnByMonthsFromItsEnd() {
        Instant trialStart = Instant.parse("2026-12-06T10:00:00Z");
        Instant trialEnd = Instant.parse("2026-12-20T10:00:00Z");

        assertThat(BillingPeriod.containing(trialStart, trialEnd, Instant.parse("2026-12-25T00:00:00Z")))
                .isEqualTo(new BillingPeriod(trialEnd, Instant.parse("2027-01-20T10:00:00Z")));
    }
}
