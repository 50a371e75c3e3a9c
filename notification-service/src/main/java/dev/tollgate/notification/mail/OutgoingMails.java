package dev.tollgate.notification.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code outgoing_mail} table and the feed entry ({@code notification}) each mail belongs to,
 * kept in step: the feed always says whether its mail waits, was sent or is undeliverable.
 */
@Repository
class OutgoingMails {

    /** Only what the relay may send now: pending, due, and no earlier unsent mail of the same account. */
    private static final String CLAIM = """
            WITH head AS (
                SELECT m.id FROM outgoing_mail m
                WHERE m.status = 'pending' AND m.next_attempt_at <= now()
                  AND NOT EXISTS (SELECT 1 FROM outgoing_mail earlier
                                  WHERE earlier.account_id = m.account_id AND earlier.id < m.id
                                    AND earlier.status IN ('pending', 'waiting_for_address'))
                ORDER BY m.id
                LIMIT :batch
                FOR UPDATE OF m SKIP LOCKED)
            UPDATE outgoing_mail o SET next_attempt_at = now() + make_interval(secs => :leaseSeconds)
            FROM head WHERE o.id = head.id
            RETURNING o.id, o.notification_id, o.account_id, o.template, o.message_id, o.recipient, o.subject, o.text_body, o.html_body,
                      o.attempts, o.failing_since""";

    private final JdbcClient jdbc;

    OutgoingMails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the feed entry and its mail; {@code recipient} null means the mail waits for the account's address. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void write(String accountId, String causeEventId, String template, String messageId, String recipient,
            String subject, String textBody, String htmlBody) {
        String status = recipient == null ? "waiting_for_address" : "pending";
        long notificationId = jdbc.sql("""
                INSERT INTO notification (account_id, event_id, channel, recipient, template, subject, body, status, category)
                VALUES (:account, :event, 'email', :to, :template, :subject, :body, :status, :category) RETURNING id""")
                .param("category", MailCategory.of(template).key()).param("account", accountId).param("event", causeEventId)
                .param("to", recipient).param("template", template)
                .param("subject", subject).param("body", textBody).param("status", status)
                .query(Long.class).single();
        jdbc.sql("""
                INSERT INTO outgoing_mail (notification_id, account_id, cause_event_id, template, message_id, recipient,
                                           subject, text_body, html_body, status)
                VALUES (:notification, :account, :event, :template, :messageId, :to, :subject, :text, :html, :status)""")
                .param("notification", notificationId).param("account", accountId).param("event", causeEventId)
                .param("template", template).param("messageId", messageId).param("to", recipient).param("subject", subject)
                .param("text", textBody).param("html", htmlBody).param("status", status)
                .update();
    }

    /**
     * A feed entry with no mail behind it: an in-app notice, or a mail its recipient opted out of
     * ({@code status} {@code in_app} or {@code opted_out}). One per cause and template, as mails.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void writeFeedOnly(String accountId, String causeEventId, String template, String recipient, String subject,
            String textBody, String status) {
        jdbc.sql("""
                INSERT INTO notification (account_id, event_id, channel, recipient, template, subject, body, status, category)
                VALUES (:account, :event, 'in_app', :to, :template, :subject, :body, :status, :category)
                ON CONFLICT (event_id, channel, template) DO NOTHING""")
                .param("account", accountId).param("event", causeEventId).param("to", recipient).param("template", template)
                .param("subject", subject).param("body", textBody).param("status", status)
                .param("category", MailCategory.of(template).key()).update();
    }

    /** Remembers the account's address and hands it to every mail of the account that waited for one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void learnAddress(String accountId, String email) {
        jdbc.sql("""
                INSERT INTO account_address (account_id, email) VALUES (:account, :email)
                ON CONFLICT (account_id) DO UPDATE SET email = EXCLUDED.email, learned_at = now()""")
                .param("account", accountId).param("email", email).update();
        jdbc.sql("""
                UPDATE notification SET recipient = :email, status = 'pending'
                WHERE id IN (SELECT notification_id FROM outgoing_mail WHERE account_id = :account AND status = 'waiting_for_address')""")
                .param("account", accountId).param("email", email).update();
        jdbc.sql("""
                UPDATE outgoing_mail SET recipient = :email, status = 'pending', next_attempt_at = now()
                WHERE account_id = :account AND status = 'waiting_for_address'""")
                .param("account", accountId).param("email", email).update();
    }

    Optional<String> knownAddress(String accountId) {
        return jdbc.sql("SELECT email FROM account_address WHERE account_id = :account")
                .param("account", accountId).query(String.class).optional();
    }

    /**
     * Reserves up to {@code batch} mails (at most one per account, the oldest unsent) for {@code lease}
     * and commits at once (one statement): the send happens outside any transaction, and another
     * relay skips these rows while they are locked and ignores them until the lease ends.
     */
    List<OutgoingMail> claim(int batch, Duration lease) {
        return jdbc.sql(CLAIM).param("batch", batch).param("leaseSeconds", lease.toMillis() / 1000.0)
                .query(OutgoingMails::mail).list().stream().sorted(Comparator.comparingLong(OutgoingMail::id)).toList();
    }

    @Transactional
    public void sent(OutgoingMail mail) {
        jdbc.sql("""
                UPDATE outgoing_mail SET status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL,
                                         failing_since = NULL
                WHERE id = :id""").param("id", mail.id()).update();
        feedStatus(mail, "sent");
    }

    /** SMTP refused: try again at {@code nextAttempt}, the failure kept for operators. */
    void failed(OutgoingMail mail, String error, Instant nextAttempt) {
        jdbc.sql("""
                UPDATE outgoing_mail SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next,
                                         failing_since = COALESCE(failing_since, now())
                WHERE id = :id""")
                .param("id", mail.id()).param("error", error).param("next", Timestamp.from(nextAttempt)).update();
    }

    /** Not attempted (the circuit is open, or the lease ran short): free for the next run, no attempt counted. */
    void release(OutgoingMail mail, String reason) {
        jdbc.sql("UPDATE outgoing_mail SET next_attempt_at = now(), last_error = COALESCE(:reason, last_error) WHERE id = :id")
                .param("id", mail.id()).param("reason", reason).update();
    }

    /** Given up: the mail stays in the table and the feed says it could not be delivered. */
    @Transactional
    public void undeliverable(OutgoingMail mail, String error) {
        jdbc.sql("""
                UPDATE outgoing_mail SET status = 'undeliverable', attempts = attempts + 1, last_error = :error
                WHERE id = :id""").param("id", mail.id()).param("error", error).update();
        feedStatus(mail, "undeliverable");
    }

    long unsent(String status) {
        return jdbc.sql("SELECT count(*) FROM outgoing_mail WHERE status = :status").param("status", status)
                .query(Long.class).single();
    }

    /** Age of the oldest mail not yet sent (pending or waiting for an address), 0 when there is none. */
    double oldestUnsentAgeSeconds() {
        return jdbc.sql("""
                SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM outgoing_mail
                WHERE status IN ('pending', 'waiting_for_address')""").query(Double.class).single();
    }

    private void feedStatus(OutgoingMail mail, String status) {
        jdbc.sql("UPDATE notification SET status = :status, sent_at = CASE WHEN :status = 'sent' THEN now() END WHERE id = :id")
                .param("id", mail.notificationId()).param("status", status).update();
    }

    private static OutgoingMail mail(ResultSet rs, int row) throws SQLException {
        Timestamp failingSince = rs.getTimestamp("failing_since");
        return new OutgoingMail(rs.getLong("id"), rs.getLong("notification_id"), rs.getString("account_id"),
                rs.getString("template"), rs.getString("message_id"), rs.getString("recipient"), rs.getString("subject"), rs.getString("text_body"),
                rs.getString("html_body"), rs.getInt("attempts"), failingSince == null ? null : failingSince.toInstant());
    }
}
