package dev.tollgate.billing.subscription;

import java.time.Instant;

import dev.tollgate.platform.events.MalformedEventException;
import tools.jackson.databind.JsonNode;

/** What we read from a Stripe subscription object (API shape of 2025+: period end lives on the item). */
public record StripeSubscription(String id, String customerId, String status, String priceId, Long unitAmount,
        String currency, String interval, Instant trialStart, Instant trialEnd, Instant currentPeriodEnd,
        boolean cancelAtPeriodEnd, JsonNode metadata) {

    public static StripeSubscription from(JsonNode object) {
        JsonNode item = object.path("items").path("data").path(0);
        JsonNode price = item.path("price");
        String id = text(object.path("id"));
        String customer = object.path("customer").isObject() ? text(object.path("customer").path("id"))
                : text(object.path("customer"));
        if (id == null || customer == null || text(object.path("status")) == null || text(price.path("id")) == null) {
            throw new MalformedEventException("a Stripe subscription needs id, customer, status and items.data[0].price.id");
        }
        JsonNode periodEnd = item.hasNonNull("current_period_end") ? item.path("current_period_end")
                : object.path("current_period_end");
        return new StripeSubscription(id, customer, text(object.path("status")), text(price.path("id")),
                price.path("unit_amount").isNumber() ? price.path("unit_amount").asLong() : null,
                text(price.path("currency")), text(price.path("recurring").path("interval")),
                epoch(object.path("trial_start")), epoch(object.path("trial_end")), epoch(periodEnd),
                object.path("cancel_at_period_end").asBoolean(false), object.path("metadata"));
    }

    private static Instant epoch(JsonNode node) {
        return node.isNumber() ? Instant.ofEpochSecond(node.asLong()) : null;
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
