package dev.tollgate.notification;

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
                SELECT id, channel, template, subject, sent_at FROM notification
                WHERE account_id = :account ORDER BY sent_at DESC, id DESC LIMIT 100""")
                .param("account", caller.accountId())
                .query((rs, n) -> new NotificationView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    record NotificationView(long id, String channel, String template, String subject, Instant sentAt) {
    }
}
