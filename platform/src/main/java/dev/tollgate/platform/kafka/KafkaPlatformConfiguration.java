package dev.tollgate.platform.kafka;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;

import dev.tollgate.platform.events.Topics;

@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(KafkaSettings.class)
public class KafkaPlatformConfiguration {

    /** Every Tollgate topic and its dead-letter topic; KafkaAdmin creates the missing ones at start-up. */
    @Bean
    KafkaAdmin.NewTopics tollgateTopics(KafkaSettings settings) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : List.of(Topics.STRIPE_WEBHOOKS, Topics.BILLING, Topics.SUBSCRIPTION, Topics.ENTITLEMENT,
                Topics.COMMUNITY, Topics.TICKET)) {
            topics.add(new NewTopic(topic, settings.partitions(), settings.replicationFactor()));
            topics.add(new NewTopic(Topics.deadLetterOf(topic), settings.partitions(), settings.replicationFactor()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /**
     * Headers travel as plain UTF-8 strings. Spring's default JSON header mapper would add a
     * {@code spring_json_header_types} header naming Java classes, which other stacks cannot read.
     */
    @Bean
    RecordMessageConverter plainHeaderMessageConverter() {
        MessagingMessageConverter converter = new MessagingMessageConverter();
        converter.setHeaderMapper(new SimpleKafkaHeaderMapper());
        return converter;
    }
}
