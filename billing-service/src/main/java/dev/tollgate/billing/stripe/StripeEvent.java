package dev.tollgate.billing.stripe;

import java.time.Instant;

import dev.tollgate.platform.events.MalformedEventException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The parts of a Stripe event we route on; {@code object} is {@code data.object}. */
public record StripeEvent(String id, String type, Instant created, JsonNode object) {

    /**
     * Reads a raw Stripe event. One without an id, a type, a {@code created} time (nothing could order
     * it) or a {@code data.object} can never be applied: it is poison, with a message naming what is missing.
     */
    public static StripeEvent parse(String payload, JsonMapper json) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (JacksonException e) {
            throw new MalformedEventException("a raw Stripe event is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!event.isObject() || !event.path("id").isString() || !event.path("type").isString()) {
            throw new MalformedEventException("a raw Stripe event has no id or no type");
        }
        String id = event.get("id").asString();
        JsonNode created = event.path("created");
        if (!created.isIntegralNumber() || created.asLong() <= 0) {
            throw new MalformedEventException("Stripe event " + id + " has no created time (unix seconds), so it cannot be "
                    + "ordered against other events");
        }
        JsonNode object = event.path("data").path("object");
        if (!object.isObject()) {
            throw new MalformedEventException("Stripe event " + id + " has no data.object");
        }
        return new StripeEvent(id, event.get("type").asString(), Instant.ofEpochSecond(created.asLong()), object);
    }

    public String customerId() {
        JsonNode customer = object.path("customer");
        return customer.isObject() ? customer.path("id").asString(null) : customer.asString(null);
    }

    /** The event in Stripe's own shape again (id, type, created, data.object), e.g. for a dead letter. */
    String toJson(JsonMapper json) {
        ObjectNode event = json.createObjectNode();
        event.put("id", id);
        event.put("object", "event");
        event.put("type", type);
        event.put("created", created.getEpochSecond());
        event.putObject("data").set("object", object);
        return json.writeValueAsString(event);
    }
}
