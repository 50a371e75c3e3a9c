package dev.tollgate.billing.stripe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxAge how long an event may wait for its customer's link before it is dead-lettered
 *        ({@code TOLLGATE_BILLING_PARKED_MAX_AGE})
 * @param sweepInterval how often parked events are checked: drained when their customer is linked
 *        by now, dead-lettered when older than {@code maxAge} ({@code TOLLGATE_BILLING_PARKED_SWEEP_INTERVAL})
 */
@ConfigurationProperties("tollgate.billing.parked")
public record ParkedEventSettings(Duration maxAge, Duration sweepInterval) {

    public ParkedEventSettings {
        maxAge = maxAge == null ? Duration.ofHours(72) : maxAge;
        sweepInterval = sweepInterval == null ? Duration.ofMinutes(1) : sweepInterval;
    }
}
