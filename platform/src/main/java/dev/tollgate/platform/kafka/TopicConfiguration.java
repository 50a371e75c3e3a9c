package dev.tollgate.platform.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

import dev.tollgate.platform.events.Topics;

/** Declares every Tollgate topic and its dead-letter topic; KafkaAdmin creates the missing ones at start-up. */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(TopicSettings.class)
public class TopicConfiguration {

    @Bean
    KafkaAdmin.NewTopics tollgateTopics(TopicSettings settings) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : List.of(Topics.STRIPE_WEBHOOKS, Topics.BILLING, Topics.SUBSCRIPTION, Topics.ENTITLEMENT,
                Topics.COMMUNITY, Topics.TICKET)) {
            topics.add(declare(topic, settings));
            topics.add(declare(Topics.deadLetterOf(topic), settings));
        }
        // The catalog topic keeps the latest record per key for good, so a service started at any time reads the catalog.
        topics.add(new NewTopic(Topics.CATALOG, 1, settings.replicationFactor()).configs(Map.of(
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(settings.minInsyncReplicas()),
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.add(declare(Topics.deadLetterOf(Topics.CATALOG), settings));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic declare(String name, TopicSettings settings) {
        return new NewTopic(name, settings.partitions(), settings.replicationFactor())
                .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(settings.minInsyncReplicas())));
    }
}
