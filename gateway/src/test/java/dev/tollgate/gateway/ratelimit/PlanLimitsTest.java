package dev.tollgate.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanLimitsTest {

    final PlanLimits plans = new PlanLimits(new RateLimitSettings(true, 60, 5000));

    @Test
    void anAccountWithoutAGrantGetsTheDefaults() {
        assertThat(plans.of("acct_unknown")).isEqualTo(new PlanLimits.Limits(60, 5000));
    }

    @Test
    void theGrantOfTheHighestVersionWinsWhateverTheArrivalOrder() {
        assertThat(plans.apply("acct_1", 2, 120L, 25_000L)).isTrue();
        assertThat(plans.apply("acct_1", 1, 10L, 100L)).isFalse();
        assertThat(plans.apply("acct_1", 2, 10L, 100L)).isFalse();

        assertThat(plans.of("acct_1")).isEqualTo(new PlanLimits.Limits(120, 25_000));
    }

    @Test
    void aGrantWithoutRateLimitsFallsBackToTheDefaults() {
        plans.apply("acct_1", 1, 120L, 25_000L);
        plans.apply("acct_1", 2, null, null);

        assertThat(plans.of("acct_1")).isEqualTo(new PlanLimits.Limits(60, 5000));
    }
}
