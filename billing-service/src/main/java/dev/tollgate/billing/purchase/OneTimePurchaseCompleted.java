package dev.tollgate.billing.purchase;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * A one-time purchase was paid: one line item of a payment-mode checkout session. Published once per
 * session and price (the id is derived from them).
 *
 * @param productId the catalog product, e.g. {@code build_sprint} or {@code ai_tokens}
 * @param priceId the Stripe price: which Build Sprint option (full, discounted, deposit, second payment)
 * @param amountMinor what the customer paid for this line, in minor units
 */
@EventType(name = "billing.one_time_purchase_completed", version = 1)
public record OneTimePurchaseCompleted(UUID eventId, String accountId, Instant occurredAt, String stripeEventId,
        String checkoutSessionId, String stripeCustomerId, String productId, String priceId, String lookupKey,
        long quantity, long amountMinor, String currency, String paymentIntentId, String invoiceId, String customerEmail)
        implements DomainEvent {
}
