package dev.tollgate.subscription.payments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payment attempts, in {@code payment_attempt}: what the payment success rate is computed from. */
@Repository
public class Payments {

    private final JdbcClient jdbc;

    Payments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Attempts and money since a moment: {@code succeeded} / ({@code succeeded} + {@code failed}) attempts. */
    public record Window(int succeeded, int failed, List<Collected> collected) {
    }

    /** What successful payments brought in, per currency (no exchange rates), in minor units. */
    public record Collected(String currency, long amountMinor, int payments) {
    }

    void record(String invoiceId, String outcome, int attempt, String accountId, long amountMinor, String currency,
            Instant occurredAt) {
        jdbc.sql("""
                INSERT INTO payment_attempt (invoice_id, outcome, attempt, account_id, amount_minor, currency, occurred_at)
                VALUES (:invoice, :outcome, :attempt, :account, :amount, :currency, :at) ON CONFLICT DO NOTHING""")
                .param("invoice", invoiceId).param("outcome", outcome).param("attempt", attempt).param("account", accountId)
                .param("amount", amountMinor).param("currency", currency.toLowerCase(Locale.ROOT))
                .param("at", Timestamp.from(occurredAt)).update();
    }

    /** The attempts that happened at or after {@code since} and not after {@code until}. */
    public Window between(Instant since, Instant until) {
        int[] counts = jdbc.sql("""
                SELECT count(*) FILTER (WHERE outcome = 'succeeded'), count(*) FILTER (WHERE outcome = 'failed')
                FROM payment_attempt WHERE occurred_at >= :since AND occurred_at <= :until""")
                .param("since", Timestamp.from(since)).param("until", Timestamp.from(until))
                .query((rs, n) -> new int[] { rs.getInt(1), rs.getInt(2) }).single();
        List<Collected> collected = jdbc.sql("""
                SELECT currency, sum(amount_minor), count(*) FROM payment_attempt
                WHERE outcome = 'succeeded' AND occurred_at >= :since AND occurred_at <= :until
                GROUP BY currency ORDER BY currency""")
                .param("since", Timestamp.from(since)).param("until", Timestamp.from(until))
                .query((rs, n) -> new Collected(rs.getString(1), rs.getLong(2), rs.getInt(3))).list();
        return new Window(counts[0], counts[1], collected);
    }
}
