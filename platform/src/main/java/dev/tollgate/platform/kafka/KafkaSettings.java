package dev.tollgate.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param partitions partitions of every Tollgate topic created by a service on a fresh broker
 * @param replicationFactor replicas of those topics (1 locally, 3 in production)
 */
@ConfigurationProperties("tollgate.kafka")
public record KafkaSettings(Integer partitions, Short replicationFactor) {

    public KafkaSettings {
        partitions = partitions == null ? 3 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
    }
}
