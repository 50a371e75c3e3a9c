package dev.tollgate.gateway.webhook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Event;

/** Finds the Stripe customer an event is about, the partition key that keeps one customer's events in order. */
final class StripeCustomers {

    private StripeCustomers() {
    }

    /** The customer id, or null when the event concerns no customer (then Kafka spreads it freely). */
    static String customerOf(Event event) {
        String raw = event.getDataObjectDeserializer().getRawJson();
        if (raw == null) {
            return null;
        }
        JsonElement parsed = JsonParser.parseString(raw);
        if (!parsed.isJsonObject()) {
            return null;
        }
        JsonObject object = parsed.getAsJsonObject();
        if ("customer".equals(string(object.get("object")))) {
            return string(object.get("id"));
        }
        JsonElement customer = object.get("customer");
        if (customer != null && customer.isJsonObject()) {
            return string(customer.getAsJsonObject().get("id"));
        }
        return string(customer);
    }

    private static String string(JsonElement element) {
        return element == null || element.isJsonNull() || !element.isJsonPrimitive() ? null : element.getAsString();
    }
}
