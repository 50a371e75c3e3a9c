package dev.tollgate.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.identity.CallerIdentity;

/** The account's notifications, newest first: the basis of the in-app feed. */
@RestController
class FeedController {

    private final JdbcClient jdbc;

    FeedController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/notifications/me")
    List<NotificationView> mine(CallerIdentity caller) {
        return jdbc.sql("""
                SELECT id, channel, template, subject, status, created_at, sent_at FROM notification
                WHERE account_id = :account ORDER BY created_at DESC, id DESC LIMIT 100""")
                .param("account", caller.accountId())
                .query((rs, n) -> new NotificationView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7))))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * @param status {@code waiting_for_address}, {@code pending} (waiting for SMTP or its turn),
     *        {@code sent} or {@code undeliverable}
     * @param sentAt when SMTP accepted it; null until then
     */
    record NotificationView(long id, String channel, String template, String subject, String status, Instant createdAt,
            Instant sentAt) {
    }
}
