package dev.tollgate.billing.payment;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * An invoice was paid ({@code invoice.paid} or {@code invoice.payment_succeeded}; Stripe sends both,
 * this is published once per invoice). Not published for an invoice of nothing (a trial's €0 invoice).
 */
@EventType(name = "billing.payment_succeeded", version = 1)
public record PaymentSucceeded(UUID eventId, String accountId, Instant occurredAt, String stripeEventId, String invoiceId,
        String invoiceNumber, String stripeSubscriptionId, String stripeCustomerId, long amountMinor, String currency,
        Instant periodStart, Instant periodEnd, String hostedInvoiceUrl, String invoicePdf, String billingReason,
        String customerEmail) implements DomainEvent {
}
