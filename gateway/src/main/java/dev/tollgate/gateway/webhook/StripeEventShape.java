package dev.tollgate.gateway.webhook;

import java.util.ArrayList;
import java.util.List;

import dev.tollgate.platform.web.ApiProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a signed payload must have before it is published as a Stripe event: a JSON object with a
 * string {@code id} and {@code type}, an integer {@code created} (the ordering timestamp every
 * consumer relies on) and an object {@code data.object}. stripe-java's model tolerates missing
 * fields, so without this check such an event would fail later, in the publisher or in a consumer.
 */
final class StripeEventShape {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StripeEventShape() {
    }

    /** Throws a 400 problem listing everything that is missing or of the wrong type. */
    static void require(String payload) {
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("The payload is not a JSON Stripe event.");
        }
        if (event == null || !event.isObject()) {
            throw ApiProblem.badRequest("The payload is not a Stripe event: it is not a JSON object.");
        }
        List<String> missing = new ArrayList<>();
        if (!nonBlankString(event.get("id"))) {
            missing.add("'id' (a string)");
        }
        if (!nonBlankString(event.get("type"))) {
            missing.add("'type' (a string)");
        }
        JsonNode created = event.get("created");
        if (created == null || !created.isIntegralNumber() || !created.canConvertToLong() || created.asLong() <= 0) {
            missing.add("'created' (a positive integer of epoch seconds)");
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            missing.add("'data' (an object)");
        } else if (data.get("object") == null || !data.get("object").isObject()) {
            missing.add("'data.object' (an object)");
        }
        if (!missing.isEmpty()) {
            throw ApiProblem.badRequest("The signed payload is not a usable Stripe event; it needs " + String.join(", ", missing)
                    + ".");
        }
    }

    private static boolean nonBlankString(JsonNode node) {
        return node != null && node.isString() && !node.asString().isBlank();
    }
}
