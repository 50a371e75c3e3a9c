package dev.tollgate.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** A received event: its CloudEvents attributes and its JSON body, as read from a Kafka record. */
public record EventEnvelope(String id, String source, String type, Instant time, String subject, String data) {

    public static EventEnvelope from(ConsumerRecord<String, String> record) {
        Headers headers = record.headers();
        String id = required(headers, CloudEventHeaders.ID);
        String type = required(headers, CloudEventHeaders.TYPE);
        String time = header(headers, CloudEventHeaders.TIME);
        if (record.value() == null) {
            throw new MalformedEventException("event " + id + " has no body");
        }
        try {
            return new EventEnvelope(id, header(headers, CloudEventHeaders.SOURCE), type,
                    time == null ? null : Instant.parse(time), header(headers, CloudEventHeaders.SUBJECT), record.value());
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("event " + id + " has an unreadable ce_time '" + time + "'", e);
        }
    }

    /** Binds the body to a consumer's own read model of the event (a tolerant reader: unknown fields are ignored). */
    public <T> T dataAs(Class<T> type, JsonMapper json) {
        try {
            return json.readValue(data, type);
        } catch (JacksonException e) {
            throw new MalformedEventException("event " + id + " of type " + this.type + " has a body that does not match "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String name) {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("record has no " + name + " header; every Tollgate record is a CloudEvent");
        }
        return value;
    }
}
