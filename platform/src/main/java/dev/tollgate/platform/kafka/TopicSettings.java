package dev.tollgate.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the platform's topics are declared on a broker that does not have them yet. The defaults
 * are production's: a topic survives the loss of one broker without losing an acknowledged record
 * (3 replicas; producers use {@code acks=all}, so a write needs 2 in sync) and spreads accounts over
 * 12 partitions. A single local broker cannot hold 3 replicas: the {@code local} profile and the
 * tests set 1, 1 and fewer partitions.
 *
 * @param partitions partitions of every Tollgate topic and its dead-letter topic ({@code TOLLGATE_KAFKA_TOPICS_PARTITIONS})
 * @param replicationFactor replicas of each ({@code TOLLGATE_KAFKA_TOPICS_REPLICATION_FACTOR})
 * @param minInsyncReplicas the topics' {@code min.insync.replicas} ({@code TOLLGATE_KAFKA_TOPICS_MIN_INSYNC_REPLICAS})
 */
@ConfigurationProperties("tollgate.kafka.topics")
public record TopicSettings(Integer partitions, Short replicationFactor, Integer minInsyncReplicas) {

    public TopicSettings {
        partitions = partitions == null ? 12 : partitions;
        replicationFactor = replicationFactor == null ? 3 : replicationFactor;
        minInsyncReplicas = minInsyncReplicas == null ? 2 : minInsyncReplicas;
        if (minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("tollgate.kafka.topics.min-insync-replicas (" + minInsyncReplicas
                    + ") cannot exceed tollgate.kafka.topics.replication-factor (" + replicationFactor
                    + "): no write would ever be acknowledged");
        }
    }
}
