package dev.tollgate.subscription.payments;

import java.time.Instant;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.MalformedEventException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records each payment attempt billing reports (a paid invoice, or one failed attempt of an invoice), through
 * the service's one consumer of billing's topic ({@code billing.BillingEventsListener}), in its inbox transaction.
 */
@Component
public class PaymentHandler {

    public static final String SUCCEEDED = "billing.payment_succeeded.v1";
    public static final String FAILED = "billing.payment_failed.v1";

    private final JsonMapper json;
    private final Payments payments;

    PaymentHandler(JsonMapper json, Payments payments) {
        this.json = json;
        this.payments = payments;
    }

    public void succeeded(EventEnvelope envelope) {
        Succeeded paid = envelope.dataAs(Succeeded.class, json);
        payments.record(require(paid.invoiceId(), paid.accountId(), paid.occurredAt(), paid.currency()), "succeeded", 0,
                paid.accountId(), paid.amountMinor(), paid.currency(), paid.occurredAt());
    }

    public void failed(EventEnvelope envelope) {
        Failed failed = envelope.dataAs(Failed.class, json);
        payments.record(require(failed.invoiceId(), failed.accountId(), failed.occurredAt(), failed.currency()), "failed",
                failed.attemptCount() == null ? 1 : failed.attemptCount(), failed.accountId(), failed.amountDueMinor(),
                failed.currency(), failed.occurredAt());
    }

    private static String require(String invoiceId, String accountId, Instant occurredAt, String currency) {
        if (invoiceId == null || accountId == null || occurredAt == null || currency == null) {
            throw new MalformedEventException("payment event without invoiceId, accountId, occurredAt or currency");
        }
        return invoiceId;
    }

    /** Our read model of billing.payment_succeeded.v1. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Succeeded(String accountId, Instant occurredAt, String invoiceId, long amountMinor, String currency) {
    }

    /** Our read model of billing.payment_failed.v1. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Failed(String accountId, Instant occurredAt, String invoiceId, long amountDueMinor, String currency,
            Integer attemptCount) {
    }
}
