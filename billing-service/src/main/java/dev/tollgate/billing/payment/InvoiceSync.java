package dev.tollgate.billing.payment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.billing.customer.CustomerLink;
import dev.tollgate.billing.customer.CustomerLinks;
import dev.tollgate.billing.stripe.DerivedIds;
import dev.tollgate.billing.stripe.StripeEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies Stripe's {@code invoice.*} events: records the invoice as the newest report says and
 * announces each payment outcome once (see the package description).
 */
@Component
public class InvoiceSync {

    public static final String PAYMENTS_METRIC = "tollgate.billing.payments";

    private static final Logger log = LoggerFactory.getLogger(InvoiceSync.class);
    /** draft, then open; uncollectible may still be paid; paid and void are final. Unknown lowest. */
    private static final List<String> STATUS_ORDER = List.of("draft", "open", "uncollectible", "paid");

    private final JdbcClient jdbc;
    private final CustomerLinks customers;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    InvoiceSync(JdbcClient jdbc, CustomerLinks customers, ApplicationEventPublisher events, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.events = events;
        this.meters = meters;
    }

    private record Held(String status, Instant lastEventCreated, boolean paidPublished) {
    }

    /**
     * Applies one invoice event in the caller's transaction. Returns false when the customer has no
     * account yet (the caller parks the event).
     */
    public boolean apply(StripeEvent event) {
        StripeInvoice invoice = StripeInvoice.from(event.object());
        Optional<CustomerLink> resolved = customers.resolve(invoice.customerId(), invoice.accountMetadata());
        if (resolved.isEmpty()) {
            return false;
        }
        CustomerLink link = customers.store(withEmail(resolved.get(), invoice), "invoice " + invoice.id());
        String status = switch (event.type()) {
            case "invoice.paid", "invoice.payment_succeeded" -> "paid";
            default -> invoice.status();
        };
        Optional<Held> held = jdbc.sql("""
                SELECT status, last_event_created, paid_published FROM stripe_invoice WHERE invoice_id = :id FOR UPDATE""")
                .param("id", invoice.id())
                .query((rs, n) -> new Held(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3)))
                .optional();
        boolean newer = held.isEmpty() || event.created().isAfter(held.get().lastEventCreated())
                || (event.created().equals(held.get().lastEventCreated()) && rank(status) >= rank(held.get().status()));
        if (newer) {
            save(invoice, status, link, event);
        }
        String settled = newer ? status : held.get().status();
        switch (event.type()) {
            case "invoice.paid", "invoice.payment_succeeded" -> succeeded(event, invoice, link,
                    held.map(Held::paidPublished).orElse(false));
            case "invoice.payment_failed" -> {
                if (isFinal(settled)) {
                    log.info("Not announcing failed attempt of invoice {} ({}): the invoice is {} since", invoice.id(),
                            event.id(), settled);
                } else if (firstNotice(invoice, "payment_failed")) {
                    events.publishEvent(new PaymentFailed(DerivedIds.of("payment_failed", invoice.id(),
                            String.valueOf(invoice.attemptCount())), link.accountId(), event.created(), event.id(),
                            invoice.id(), invoice.subscriptionId(), invoice.customerId(), invoice.amountDue(),
                            invoice.currency(), invoice.attemptCount(), invoice.nextPaymentAttempt(),
                            invoice.hostedInvoiceUrl(), link.email()));
                    count("failed");
                }
            }
            case "invoice.payment_action_required" -> {
                if (isFinal(settled)) {
                    log.info("Not announcing action required for invoice {} ({}): the invoice is {} since", invoice.id(),
                            event.id(), settled);
                } else if (firstNotice(invoice, "action_required")) {
                    events.publishEvent(new PaymentActionRequired(DerivedIds.of("payment_action_required", invoice.id(),
                            String.valueOf(invoice.attemptCount())), link.accountId(), event.created(), event.id(),
                            invoice.id(), invoice.subscriptionId(), invoice.customerId(), invoice.amountDue(),
                            invoice.currency(), invoice.attemptCount(), invoice.hostedInvoiceUrl(), link.email()));
                    count("action_required");
                }
            }
            default -> log.debug("Invoice event {} of type {} only updates the invoice", event.id(), event.type());
        }
        return true;
    }

    private void succeeded(StripeEvent event, StripeInvoice invoice, CustomerLink link, boolean alreadyPublished) {
        if (alreadyPublished) {
            return;
        }
        jdbc.sql("UPDATE stripe_invoice SET paid_published = true WHERE invoice_id = :id").param("id", invoice.id()).update();
        long paid = invoice.amountPaid() > 0 ? invoice.amountPaid() : 0;
        if (paid == 0) {
            log.info("Invoice {} was paid with nothing to pay (e.g. a trial's first invoice); no payment to announce",
                    invoice.id());
            return;
        }
        events.publishEvent(new PaymentSucceeded(DerivedIds.of("payment_succeeded", invoice.id()), link.accountId(),
                event.created(), event.id(), invoice.id(), invoice.number(), invoice.subscriptionId(), invoice.customerId(),
                paid, invoice.currency(), invoice.periodStart(), invoice.periodEnd(), invoice.hostedInvoiceUrl(),
                invoice.invoicePdf(), invoice.billingReason(), link.email()));
        count("succeeded");
    }

    private boolean firstNotice(StripeInvoice invoice, String kind) {
        return jdbc.sql("""
                INSERT INTO invoice_notice (invoice_id, kind, attempt) VALUES (:id, :kind, :attempt)
                ON CONFLICT DO NOTHING""")
                .param("id", invoice.id()).param("kind", kind).param("attempt", invoice.attemptCount())
                .update() == 1;
    }

    private void save(StripeInvoice invoice, String status, CustomerLink link, StripeEvent event) {
        jdbc.sql("""
                INSERT INTO stripe_invoice (invoice_id, account_id, customer_id, subscription_id, number, status, amount_due,
                                            amount_paid, currency, period_start, period_end, hosted_invoice_url,
                                            invoice_pdf, attempt_count, next_payment_attempt, invoice_created,
                                            last_event_created)
                VALUES (:id, :account, :customer, :subscription, :number, :status, :due, :paid, :currency, :periodStart,
                        :periodEnd, :hosted, :pdf, :attempts, :nextAttempt, :created, :eventCreated)
                ON CONFLICT (invoice_id) DO UPDATE
                   SET subscription_id = COALESCE(EXCLUDED.subscription_id, stripe_invoice.subscription_id),
                       number = COALESCE(EXCLUDED.number, stripe_invoice.number), status = EXCLUDED.status,
                       amount_due = EXCLUDED.amount_due, amount_paid = EXCLUDED.amount_paid,
                       period_start = COALESCE(EXCLUDED.period_start, stripe_invoice.period_start),
                       period_end = COALESCE(EXCLUDED.period_end, stripe_invoice.period_end),
                       hosted_invoice_url = COALESCE(EXCLUDED.hosted_invoice_url, stripe_invoice.hosted_invoice_url),
                       invoice_pdf = COALESCE(EXCLUDED.invoice_pdf, stripe_invoice.invoice_pdf),
                       attempt_count = GREATEST(EXCLUDED.attempt_count, stripe_invoice.attempt_count),
                       next_payment_attempt = EXCLUDED.next_payment_attempt,
                       last_event_created = EXCLUDED.last_event_created""")
                .param("id", invoice.id())
                .param("account", link.accountId())
                .param("customer", invoice.customerId())
                .param("subscription", invoice.subscriptionId())
                .param("number", invoice.number())
                .param("status", status)
                .param("due", invoice.amountDue())
                .param("paid", invoice.amountPaid())
                .param("currency", invoice.currency())
                .param("periodStart", timestamp(invoice.periodStart()))
                .param("periodEnd", timestamp(invoice.periodEnd()))
                .param("hosted", invoice.hostedInvoiceUrl())
                .param("pdf", invoice.invoicePdf())
                .param("attempts", invoice.attemptCount())
                .param("nextAttempt", timestamp(invoice.nextPaymentAttempt()))
                .param("created", Timestamp.from(invoice.created()))
                .param("eventCreated", Timestamp.from(event.created()))
                .update();
    }

    private static CustomerLink withEmail(CustomerLink link, StripeInvoice invoice) {
        return link.email() == null && invoice.customerEmail() != null
                ? new CustomerLink(link.customerId(), link.accountId(), invoice.customerEmail()) : link;
    }

    private static boolean isFinal(String status) {
        return "paid".equals(status) || "void".equals(status);
    }

    private static int rank(String status) {
        return "void".equals(status) ? STATUS_ORDER.size() - 1 : STATUS_ORDER.indexOf(status);
    }

    private void count(String outcome) {
        Counter.builder(PAYMENTS_METRIC).description("Payments announced, by outcome").tag("outcome", outcome)
                .register(meters).increment();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
