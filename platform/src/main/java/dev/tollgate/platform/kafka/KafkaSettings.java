package dev.tollgate.platform.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param partitions partitions of every Tollgate topic created by a service on a fresh broker
 * @param replicationFactor replicas of those topics (1 locally, 3 in production)
 * @param retryAttempts how often a failing record is retried before it is dead-lettered
 * @param retryInterval the pause between those retries
 */
@ConfigurationProperties("tollgate.kafka")
public record KafkaSettings(Integer partitions, Short replicationFactor, Integer retryAttempts, Duration retryInterval) {

    public KafkaSettings {
        partitions = partitions == null ? 3 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        retryAttempts = retryAttempts == null ? 3 : retryAttempts;
        retryInterval = retryInterval == null ? Duration.ofSeconds(1) : retryInterval;
    }
}
