package dev.tollgate.entitlement.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class MeterPeriodTest {

    static final Instant ANCHOR = Instant.parse("2026-01-31T10:00:00Z");

    @Test
    void aMonthlyLimitCountsFromTheLastBillingBoundaryToTheNext() {
        assertThat(MeterPeriod.of("month", ANCHOR, Instant.parse("2026-03-15T00:00:00Z"))).isEqualTo(new MeterPeriod(
                Instant.parse("2026-02-28T10:00:00Z"), Instant.parse("2026-03-31T10:00:00Z")));
    }

    @Test
    void boundariesAreComputedFromTheAnchorSoTheyNeverDriftAfterAShortMonth() {
        assertThat(MeterPeriod.of("month", ANCHOR, Instant.parse("2026-04-01T00:00:00Z")).start())
                .isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
    }

    @Test
    void theBoundaryItselfStartsTheNewPeriod() {
        assertThat(MeterPeriod.of("month", ANCHOR, Instant.parse("2026-02-28T10:00:00Z")).start())
                .isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
        assertThat(MeterPeriod.of("month", ANCHOR, Instant.parse("2026-02-28T09:59:59Z")).start()).isEqualTo(ANCHOR);
    }

    @Test
    void anAnchorInTheFutureSuchAsTheCurrentPeriodsEndGivesTheSameGrid() {
        Instant periodEnd = Instant.parse("2027-01-31T10:00:00Z");
        assertThat(MeterPeriod.of("month", periodEnd, Instant.parse("2026-03-15T00:00:00Z")).start())
                .isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
    }

    @Test
    void anAnnualPlansMonthlyAllowanceResetsMonthlyFromItsAnnualBoundary() {
        Instant yearEnd = Instant.parse("2027-06-01T00:00:00Z");
        assertThat(MeterPeriod.of("month", yearEnd, Instant.parse("2026-09-20T00:00:00Z"))).isEqualTo(new MeterPeriod(
                Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z")));
    }

    @Test
    void dailyLimitsUseUtcDaysAndLimitsWithoutAPeriodNeverReset() {
        assertThat(MeterPeriod.of("day", ANCHOR, Instant.parse("2026-03-15T13:14:15Z"))).isEqualTo(new MeterPeriod(
                Instant.parse("2026-03-15T00:00:00Z"), Instant.parse("2026-03-16T00:00:00Z")));
        assertThat(MeterPeriod.of(null, ANCHOR, Instant.parse("2026-03-15T13:14:15Z")).resets()).isFalse();
    }
}
