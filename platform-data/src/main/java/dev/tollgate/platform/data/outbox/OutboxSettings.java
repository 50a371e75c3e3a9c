package dev.tollgate.platform.data.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param topic the topic this service publishes its domain events to
 * @param source the CloudEvents source of this service, e.g. {@code /tollgate/subscription-service}
 * @param resubmitInterval how often publications the broker has not acknowledged are sent again
 * @param resubmitAfter how old an unacknowledged publication must be before it is sent again
 */
@ConfigurationProperties("tollgate.outbox")
public record OutboxSettings(String topic, String source, Duration resubmitInterval, Duration resubmitAfter) {

    public OutboxSettings {
        resubmitInterval = resubmitInterval == null ? Duration.ofSeconds(10) : resubmitInterval;
        resubmitAfter = resubmitAfter == null ? Duration.ofSeconds(10) : resubmitAfter;
    }
}
