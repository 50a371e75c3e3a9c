package dev.tollgate.ticket.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.ticket.TicketSettings;

class ResponseTargetsTest {

    static final ResponseTargets TARGETS = new ResponseTargets(new TicketSettings("LATAM", "Community Edition", Duration.ofDays(7),
            Map.of("community", Map.of("default", Duration.ofHours(24), "high", Duration.ofHours(8), "urgent", Duration.ofHours(8)),
                    "starter", Map.of("default", Duration.ofHours(48)),
                    "professional", Map.of("default", Duration.ofHours(24)),
                    "agency", Map.of("default", Duration.ofHours(12))),
            Duration.ofHours(24), Duration.ofHours(1), Duration.ofSeconds(30)));

    @Test
    void communityEditionAnswersIn24HoursAndHighAndUrgentIn8() {
        assertThat(TARGETS.targetFor("community", "low")).isEqualTo(Duration.ofHours(24));
        assertThat(TARGETS.targetFor("community", "normal")).isEqualTo(Duration.ofHours(24));
        assertThat(TARGETS.targetFor("community", "high")).isEqualTo(Duration.ofHours(8));
        assertThat(TARGETS.targetFor("community", "urgent")).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void theCatalogsPlansAnswerIn48And24And12Hours() {
        assertThat(TARGETS.targetFor("starter", "urgent")).isEqualTo(Duration.ofHours(48));
        assertThat(TARGETS.targetFor("professional", "normal")).isEqualTo(Duration.ofHours(24));
        assertThat(TARGETS.targetFor("agency", "low")).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void anUnknownPlanGetsTheDefault() {
        assertThat(TARGETS.targetFor("enterprise", "high")).isEqualTo(Duration.ofHours(24));
        assertThat(TARGETS.targetFor(null, "high")).isEqualTo(Duration.ofHours(24));
    }
}
