package dev.tollgate.platform.data.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.util.Assert;

import dev.tollgate.platform.events.DomainEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration")
@EnableScheduling
@EnableConfigurationProperties(OutboxSettings.class)
public class OutboxConfiguration {

    public static final String PENDING_METRIC = "tollgate.outbox.pending";

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

    /** Events committed but not yet acknowledged by Kafka: zero in a healthy service, growing while the broker is away. */
    @Bean
    MeterBinder outboxPendingGauge(JdbcClient jdbc) {
        return registry -> Gauge.builder(PENDING_METRIC, () -> jdbc
                        .sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL").query(Long.class).single())
                .description("Domain events stored by the outbox and not yet acknowledged by Kafka")
                .register(registry);
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
