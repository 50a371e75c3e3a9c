package dev.tollgate.billing.payment;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * The customer must confirm a payment (3-D Secure) at {@code hostedInvoiceUrl}
 * ({@code invoice.payment_action_required}); published once per invoice and attempt.
 */
@EventType(name = "billing.payment_action_required", version = 1)
public record PaymentActionRequired(UUID eventId, String accountId, Instant occurredAt, String stripeEventId,
        String invoiceId, String stripeSubscriptionId, String stripeCustomerId, long amountDueMinor, String currency,
        int attemptCount, String hostedInvoiceUrl, String customerEmail) implements DomainEvent {
}
