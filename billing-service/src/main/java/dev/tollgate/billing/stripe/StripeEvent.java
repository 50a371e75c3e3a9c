package dev.tollgate.billing.stripe;

import java.time.Instant;

import dev.tollgate.platform.events.MalformedEventException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The parts of a Stripe event we route on; {@code object} is {@code data.object}. */
public record StripeEvent(String id, String type, Instant created, JsonNode object) {

    public static StripeEvent parse(String payload, JsonMapper json) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (JacksonException e) {
            throw new MalformedEventException("a raw Stripe event is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode object = event.path("data").path("object");
        if (!event.hasNonNull("id") || !event.hasNonNull("type") || !object.isObject()) {
            throw new MalformedEventException("a raw Stripe event has no id, type or data.object");
        }
        return new StripeEvent(event.get("id").asString(), event.get("type").asString(),
                Instant.ofEpochSecond(event.path("created").asLong()), object);
    }

    public String customerId() {
        JsonNode customer = object.path("customer");
        return customer.isObject() ? customer.path("id").asString(null) : customer.asString(null);
    }
}
