package dev.tollgate.billing.payment;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;

/**
 * The caller's invoices and one-time purchases, newest first, as billing recorded them from Stripe's
 * events; only ever the caller's own account. Paged: {@code page} from 0, {@code size} 1 to 100.
 */
@RestController
class InvoiceController {

    private final JdbcClient jdbc;

    InvoiceController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record InvoiceView(String id, String number, String status, long amountDueMinor, long amountPaidMinor, String currency,
            Instant periodStart, Instant periodEnd, String hostedInvoiceUrl, String invoicePdf, String subscriptionId,
            int attemptCount, Instant nextPaymentAttempt, Instant created) {
    }

    record PurchaseView(String checkoutSessionId, String productId, String priceId, long quantity, long amountMinor,
            String currency, String paymentIntentId, String invoiceId, Instant completedAt) {
    }

    record Page<T>(List<T> items, int page, int size, long total) {
    }

    @GetMapping("/api/billing/invoices")
    Page<InvoiceView> invoices(CallerIdentity caller, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        checkPage(page, size);
        List<InvoiceView> items = jdbc.sql("""
                SELECT invoice_id, number, status, amount_due, amount_paid, currency, period_start, period_end,
                       hosted_invoice_url, invoice_pdf, subscription_id, attempt_count, next_payment_attempt, invoice_created
                  FROM stripe_invoice WHERE account_id = :account
                 ORDER BY invoice_created DESC, invoice_id DESC LIMIT :size OFFSET :offset""")
                .param("account", caller.accountId()).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> new InvoiceView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getInt(12), instant(rs.getTimestamp(13)),
                        instant(rs.getTimestamp(14))))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM stripe_invoice WHERE account_id = :account")
                .param("account", caller.accountId()).query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    /** Receipts of one-time purchases (a Build Sprint option, token packs); the invoice Stripe created is in the invoices. */
    @GetMapping("/api/billing/purchases")
    Page<PurchaseView> purchases(CallerIdentity caller, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        checkPage(page, size);
        List<PurchaseView> items = jdbc.sql("""
                SELECT checkout_session_id, product_id, price_id, quantity, amount_minor, currency, payment_intent_id,
                       invoice_id, completed_at
                  FROM one_time_purchase WHERE account_id = :account
                 ORDER BY completed_at DESC, checkout_session_id DESC, price_id LIMIT :size OFFSET :offset""")
                .param("account", caller.accountId()).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> new PurchaseView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), instant(rs.getTimestamp(9))))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM one_time_purchase WHERE account_id = :account")
                .param("account", caller.accountId()).query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    private static void checkPage(int page, int size) {
        if (page < 0 || page > 100_000 || size < 1 || size > 100) {
            throw ApiProblem.badRequest("'page' must be 0 or more and 'size' 1 to 100");
        }
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
