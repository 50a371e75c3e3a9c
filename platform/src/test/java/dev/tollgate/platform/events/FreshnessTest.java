package dev.tollgate.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class FreshnessTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aLaterReportSupersedesWhateverItsRank() {
        assertThat(Freshness.of(T.plusSeconds(1), 0).supersedes(Freshness.of(T, 9))).isTrue();
    }

    @Test
    void anEarlierReportNeverSupersedes() {
        assertThat(Freshness.of(T.minusSeconds(1), 9).supersedes(Freshness.of(T, 0))).isFalse();
    }

    @Test
    void aTieGoesToTheHigherRankInEitherOrder() {
        Freshness incomplete = Freshness.of(T, 0);
        Freshness active = Freshness.of(T, 2);

        assertThat(active.supersedes(incomplete)).isTrue();
        assertThat(incomplete.supersedes(active)).isFalse();
        assertThat(active.isTie(incomplete)).isTrue();
    }

    @Test
    void anEqualReportKeepsWhatIsHeld() {
        assertThat(Freshness.of(T, 2).supersedes(Freshness.of(T, 2))).isFalse();
    }

    @Test
    void anythingSupersedesNothing() {
        assertThat(Freshness.of(T, 0).supersedes(null)).isTrue();
    }
}
