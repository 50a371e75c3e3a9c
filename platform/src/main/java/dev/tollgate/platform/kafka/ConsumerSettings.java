package dev.tollgate.platform.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a consumer retries a record that failed for a reason that may pass (database, SMTP,
 * Stripe I/O) before it is dead-lettered after all. The pauses between tries are the binding's
 * back-off ({@code spring.cloud.stream.bindings.<binding>.consumer.back-off-*}). Poison records
 * ignore these settings: they go to the dead-letter topic at once.
 *
 * @param transientRetryFor {@code TOLLGATE_KAFKA_CONSUMER_TRANSIENT_RETRY_FOR}, default 6 h
 */
@ConfigurationProperties("tollgate.kafka.consumer")
public record ConsumerSettings(Duration transientRetryFor) {

    public ConsumerSettings {
        transientRetryFor = transientRetryFor == null ? Duration.ofHours(6) : transientRetryFor;
    }
}
