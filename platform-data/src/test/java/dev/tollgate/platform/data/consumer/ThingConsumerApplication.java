package dev.tollgate.platform.data.consumer;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/** A service with one consumer of {@code test.thing.v1}, whose body says whether to apply, fail for good or fail for now. */
@SpringBootApplication
public class ThingConsumerApplication {

    static final String TOPIC = "tollgate.test.things";
    static final String CONSUMER = "test-service.things";

    /** Event ids whose handling fails transiently (as if the database were down) while they are in this set. */
    static final Set<String> OUTAGE = ConcurrentHashMap.newKeySet();
    /** How often the handler ran for each event id, successful or not. */
    static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    @Bean
    KafkaAdmin.NewTopics thingTopics() {
        return new KafkaAdmin.NewTopics(new NewTopic(TOPIC, 4, (short) 1), new NewTopic(Topics.deadLetterOf(TOPIC), 4, (short) 1));
    }

    @Component
    static class ThingConsumer implements EventConsumer {

        private final JdbcClient jdbc;
        private final JsonMapper json;

        ThingConsumer(JdbcClient jdbc, JsonMapper json) {
            this.jdbc = jdbc;
            this.json = json;
        }

        @Override
        public EventSubscription subscription() {
            return EventSubscription.named(CONSUMER).from(TOPIC).on("test.thing.v1", this::handle);
        }

        private void handle(EventEnvelope envelope) {
            ATTEMPTS.computeIfAbsent(envelope.id(), id -> new AtomicInteger()).incrementAndGet();
            Thing thing = envelope.dataAs(Thing.class, json);
            jdbc.sql("INSERT INTO applied_thing (event_id, key) VALUES (:id, :key)")
                    .param("id", envelope.id()).param("key", envelope.subject()).update();
            if ("poison".equals(thing.action())) {
                throw new NoSuchThingException(envelope.id());
            }
            if (OUTAGE.contains(envelope.id())) {
                throw new TransientDataAccessResourceException("database unavailable while handling " + envelope.id());
            }
        }
    }

    record Thing(String action) {
    }

    /** A domain's own "can never succeed", like billing's unknown price. */
    static class NoSuchThingException extends MalformedEventException {
        NoSuchThingException(String id) {
            super("event " + id + " names a thing that does not exist");
        }
    }
}
