package dev.tollgate.billing.payment;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * A payment attempt of an invoice failed ({@code invoice.payment_failed}); published once per invoice and attempt.
 *
 * @param attemptCount how many times Stripe has tried to collect the invoice, this attempt included
 * @param nextPaymentAttempt when Stripe retries; null when it will not (retries exhausted)
 */
@EventType(name = "billing.payment_failed", version = 1)
public record PaymentFailed(UUID eventId, String accountId, Instant occurredAt, String stripeEventId, String invoiceId,
        String stripeSubscriptionId, String stripeCustomerId, long amountDueMinor, String currency, int attemptCount,
        Instant nextPaymentAttempt, String hostedInvoiceUrl, String customerEmail) implements DomainEvent {
}
