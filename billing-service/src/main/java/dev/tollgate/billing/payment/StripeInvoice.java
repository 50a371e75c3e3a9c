package dev.tollgate.billing.payment;

import java.time.Instant;

import dev.tollgate.platform.events.MalformedEventException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What we read from a Stripe invoice object, from its JSON (any API version). Newer versions name
 * the subscription under {@code parent.subscription_details}, older ones at the top level; the
 * billed period is the first line's (an invoice's own {@code period_start/end} is the period before
 * it for subscription invoices).
 */
record StripeInvoice(String id, String customerId, String subscriptionId, String number, String status, long amountDue,
        long amountPaid, String currency, Instant periodStart, Instant periodEnd, String hostedInvoiceUrl, String invoicePdf,
        int attemptCount, Instant nextPaymentAttempt, Instant created, String billingReason, JsonNode accountMetadata,
        String customerEmail) {

    static StripeInvoice from(JsonNode object) {
        String id = text(object.path("id"));
        String customer = idOf(object.path("customer"));
        String currency = text(object.path("currency"));
        if (id == null || customer == null || currency == null) {
            throw new MalformedEventException("a Stripe invoice needs id, customer and currency");
        }
        JsonNode details = object.path("parent").path("subscription_details");
        String subscription = idOf(details.path("subscription"));
        if (subscription == null) {
            subscription = idOf(object.path("subscription"));
        }
        JsonNode metadata = details.path("metadata");
        if (!hasAccount(metadata)) {
            metadata = object.path("subscription_details").path("metadata");
        }
        if (!hasAccount(metadata)) {
            metadata = object.path("metadata");
        }
        JsonNode period = object.path("lines").path("data").path(0).path("period");
        Instant periodStart = epoch(period.path("start"));
        Instant periodEnd = epoch(period.path("end"));
        if (periodStart == null) {
            periodStart = epoch(object.path("period_start"));
            periodEnd = epoch(object.path("period_end"));
        }
        Instant created = epoch(object.path("created"));
        return new StripeInvoice(id, customer, subscription, text(object.path("number")),
                text(object.path("status")) == null ? "open" : text(object.path("status")),
                object.path("amount_due").asLong(0), object.path("amount_paid").asLong(0), currency.toLowerCase(),
                periodStart, periodEnd, text(object.path("hosted_invoice_url")), text(object.path("invoice_pdf")),
                object.path("attempt_count").asInt(0), epoch(object.path("next_payment_attempt")),
                created == null ? Instant.EPOCH : created, text(object.path("billing_reason")),
                metadata.isObject() ? metadata : JsonNodeFactory.instance.objectNode(), text(object.path("customer_email")));
    }

    private static boolean hasAccount(JsonNode metadata) {
        return metadata.isObject() && (metadata.hasNonNull("organization_id") || metadata.hasNonNull("account_id"));
    }

    private static String idOf(JsonNode node) {
        return node.isObject() ? text(node.path("id")) : text(node);
    }

    private static Instant epoch(JsonNode node) {
        return node.isNumber() && node.asLong() > 0 ? Instant.ofEpochSecond(node.asLong()) : null;
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
