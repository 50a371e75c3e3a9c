package dev.tollgate.platform.data.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.util.Assert;

import dev.tollgate.platform.events.DomainEvent;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration
@EnableScheduling
@EnableConfigurationProperties(OutboxSettings.class)
public class OutboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OutboxConfiguration.class);

    @Bean
    DomainEventSerializer domainEventSerializer(JsonMapper json, OutboxSettings settings) {
        Assert.hasText(settings.source(), "tollgate.outbox.source must name this service");
        return new DomainEventSerializer(json, settings.source());
    }

    /**
     * Every {@link DomainEvent} goes to this service's topic, keyed by account id; the message
     * (JSON body plus CloudEvents headers) is built here so the wire format does not depend on
     * Modulith's or Spring Kafka's default serializers.
     */
    @Bean
    EventExternalizationConfiguration eventExternalization(OutboxSettings settings, DomainEventSerializer serializer) {
        return EventExternalizationConfiguration.externalizing()
                .select(event -> event instanceof DomainEvent)
                .route(DomainEvent.class, event -> RoutingTarget.forTarget(topicOf(settings, event)).andKey(event.accountId()))
                .mapping(DomainEvent.class, serializer::toMessage)
                // One send at a time, in publication order: without it, two commits in quick succession
                // race on Modulith's async executor and an account's events can reach Kafka swapped.
                .serializeExternalization(true)
                .build();
    }

    private static String topicOf(OutboxSettings settings, DomainEvent event) {
        if (settings.topic() == null || settings.topic().isBlank()) {
            throw new IllegalStateException("this service publishes " + event.eventType()
                    + " but names no topic; set tollgate.outbox.topic");
        }
        return settings.topic();
    }

    /** Sends again what the broker did not acknowledge, e.g. while it was down; consumers drop duplicates by ce_id. */
    @Bean
    SchedulingConfigurer outboxResubmission(IncompleteEventPublications incomplete, OutboxSettings settings) {
        return registrar -> registrar.addFixedDelayTask(() -> {
            try {
                incomplete.resubmitIncompletePublicationsOlderThan(settings.resubmitAfter());
            } catch (RuntimeException e) {
                log.warn("Resubmitting unacknowledged events failed; will try again in {}", settings.resubmitInterval(), e);
            }
        }, settings.resubmitInterval());
    }
}
