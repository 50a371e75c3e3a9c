package dev.tollgate.platform.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param retryAttempts how often a failing record is retried before it is dead-lettered
 * @param retryInterval the pause between those retries
 */
@ConfigurationProperties("tollgate.kafka")
public record KafkaSettings(Integer retryAttempts, Duration retryInterval) {

    public KafkaSettings {
        retryAttempts = retryAttempts == null ? 3 : retryAttempts;
        retryInterval = retryInterval == null ? Duration.ofSeconds(1) : retryInterval;
    }
}
