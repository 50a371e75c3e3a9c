package dev.tollgate.billing.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.tollgate.platform.events.MalformedEventException;
import tools.jackson.databind.JsonNode;

/**
 * What we read from a Stripe subscription object, straight from its JSON (so an event of any API
 * version is read, never dropped: stripe-java's typed deserializer gives nothing for a version other
 * than its own). Every item is kept with its quantity; newer API versions (2025+) put
 * {@code current_period_start/end} on the items, older ones on the subscription, and both are read.
 * {@code priceId}, {@code unitAmount}, {@code currency} and {@code interval} are the first item's;
 * which item is the plan only the catalog can tell ({@link SubscriptionItems}).
 */
public record StripeSubscription(String id, String customerId, String status, String priceId, Long unitAmount,
        String currency, String interval, Instant trialStart, Instant trialEnd, Instant currentPeriodEnd,
        boolean cancelAtPeriodEnd, JsonNode metadata, Instant currentPeriodStart, List<Item> items) {

    /** One subscription item: a price bought in a quantity. */
    public record Item(String priceId, long quantity, Long unitAmount, String currency, String interval,
            Instant currentPeriodStart, Instant currentPeriodEnd) {
    }

    public StripeSubscription {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static StripeSubscription from(JsonNode object) {
        String id = text(object.path("id"));
        String customer = object.path("customer").isObject() ? text(object.path("customer").path("id"))
                : text(object.path("customer"));
        List<Item> items = new ArrayList<>();
        for (JsonNode item : object.path("items").path("data")) {
            JsonNode price = item.path("price");
            String priceId = price.isString() ? text(price) : text(price.path("id"));
            if (priceId == null) {
                throw new MalformedEventException("subscription " + id + " has an item without a price id (items.data[].price.id)");
            }
            items.add(new Item(priceId, item.path("quantity").isNumber() ? item.path("quantity").asLong() : 1,
                    price.path("unit_amount").isNumber() ? price.path("unit_amount").asLong() : null,
                    text(price.path("currency")), text(price.path("recurring").path("interval")),
                    epoch(item.path("current_period_start")), epoch(item.path("current_period_end"))));
        }
        if (id == null || customer == null || text(object.path("status")) == null || items.isEmpty()) {
            throw new MalformedEventException("a Stripe subscription needs id, customer, status and at least one item "
                    + "with a price (items.data[0].price.id)");
        }
        Item first = items.getFirst();
        // The items of one subscription share its billing cycle; the latest period an item names is the subscription's.
        Instant periodEnd = items.stream().map(Item::currentPeriodEnd).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(epoch(object.path("current_period_end")));
        Instant periodStart = items.stream().map(Item::currentPeriodStart).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(epoch(object.path("current_period_start")));
        return new StripeSubscription(id, customer, text(object.path("status")), first.priceId(), first.unitAmount(),
                first.currency(), first.interval(), epoch(object.path("trial_start")), epoch(object.path("trial_end")),
                periodEnd, object.path("cancel_at_period_end").asBoolean(false), object.path("metadata"), periodStart,
                items);
    }

    private static Instant epoch(JsonNode node) {
        return node.isNumber() ? Instant.ofEpochSecond(node.asLong()) : null;
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
