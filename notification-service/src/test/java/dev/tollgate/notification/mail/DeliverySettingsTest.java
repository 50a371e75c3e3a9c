package dev.tollgate.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DeliverySettingsTest {

    private final DeliverySettings settings = new DeliverySettings(null, null, Duration.ofSeconds(5), Duration.ofMinutes(1),
            null, null);

    @Test
    void theWaitBetweenAttemptsDoublesUpToTheLongestWait() {
        assertThat(settings.retryAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.retryAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.retryAfter(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(settings.retryAfter(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.retryAfter(10_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void byDefaultAMailIsRetriedForHoursBeforeItIsGivenUp() {
        DeliverySettings defaults = new DeliverySettings(null, null, null, null, null, null);
        assertThat(defaults.giveUpAfter()).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(defaults.lease()).isGreaterThan(Duration.ofSeconds(5 + 10 + 10).multipliedBy(2));
    }
}
