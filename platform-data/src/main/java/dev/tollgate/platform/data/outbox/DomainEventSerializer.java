package dev.tollgate.platform.data.outbox;

import java.nio.charset.StandardCharsets;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.DomainEvent;
import tools.jackson.databind.json.JsonMapper;

/** Turns a domain event into the Kafka message other services read: a JSON body and CloudEvents headers. */
public class DomainEventSerializer {

    private final JsonMapper json;
    private final String source;

    public DomainEventSerializer(JsonMapper json, String source) {
        this.json = json;
        this.source = source;
    }

    /** Header values are bytes because Kafka headers are; {@code SimpleKafkaHeaderMapper} passes bytes through as they are. */
    public Message<String> toMessage(DomainEvent event) {
        MessageBuilder<String> message = MessageBuilder.withPayload(toJson(event));
        CloudEventHeaders.of(event.eventId().toString(), source, event.eventType(), event.occurredAt(), event.accountId())
                .forEach((name, value) -> message.setHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        return message.build();
    }

    public String toJson(DomainEvent event) {
        return json.writeValueAsString(event);
    }
}
