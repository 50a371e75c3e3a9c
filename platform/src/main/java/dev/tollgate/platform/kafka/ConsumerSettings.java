package dev.tollgate.platform.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a consumer treats a record that failed for a reason that may pass (database, SMTP, Stripe
 * I/O). Poison records ignore these settings: they go to the dead-letter topic at once.
 *
 * @param transientRetryFor how long a transiently failing record is retried, holding its partition,
 *        before it is dead-lettered after all ({@code TOLLGATE_KAFKA_CONSUMER_TRANSIENT_RETRY_FOR}, default 6 h)
 * @param initialBackoff the first pause after a failure ({@code TOLLGATE_KAFKA_CONSUMER_INITIAL_BACKOFF}, default 1 s)
 * @param maxBackoff the cap of the doubling pauses ({@code TOLLGATE_KAFKA_CONSUMER_MAX_BACKOFF}, default 5 min)
 */
@ConfigurationProperties("tollgate.kafka.consumer")
public record ConsumerSettings(Duration transientRetryFor, Duration initialBackoff, Duration maxBackoff) {

    public ConsumerSettings {
        transientRetryFor = transientRetryFor == null ? Duration.ofHours(6) : transientRetryFor;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
    }
}
