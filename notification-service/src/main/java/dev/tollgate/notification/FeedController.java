package dev.tollgate.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;

/**
 * The account's in-app feed: every message caused for it (mails with their delivery state, and
 * entries that are in-app only: a mail its recipient opted out of), newest first, paged, with read
 * state. The body of a page is the array of entries (so a client reads it as a list); the paging
 * facts are headers: {@code X-Total-Count}, {@code X-Unread-Count} and an RFC 8288 {@code Link}
 * to the next page. The order (created at, then id, both descending) is total, so pages never
 * overlap or skip an entry while nothing new arrives.
 */
@RestController
class FeedController {

    static final int MAX_SIZE = 100;

    private final JdbcClient jdbc;

    FeedController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/notifications/me")
    ResponseEntity<List<NotificationView>> mine(CallerIdentity caller, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, @RequestParam(defaultValue = "false") boolean unreadOnly) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw ApiProblem.badRequest("page must be 0 or more and size between 1 and " + MAX_SIZE + ", not page=" + page
                    + ", size=" + size);
        }
        List<NotificationView> entries = jdbc.sql("""
                SELECT id, channel, template, category, subject, status, created_at, sent_at, read_at FROM notification
                WHERE account_id = :account AND (NOT :unreadOnly OR read_at IS NULL)
                ORDER BY created_at DESC, id DESC LIMIT :size OFFSET :offset""")
                .param("account", caller.accountId()).param("unreadOnly", unreadOnly).param("size", size)
                .param("offset", (long) page * size).query(FeedController::view).list();
        long total = jdbc.sql("SELECT count(*) FROM notification WHERE account_id = :account AND (NOT :unreadOnly OR read_at IS NULL)")
                .param("account", caller.accountId()).param("unreadOnly", unreadOnly).query(Long.class).single();
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().header("X-Total-Count", Long.toString(total))
                .header("X-Unread-Count", Long.toString(unread(caller)));
        if ((long) (page + 1) * size < total) {
            response.header("Link", "</api/notifications/me?page=" + (page + 1) + "&size=" + size
                    + (unreadOnly ? "&unreadOnly=true" : "") + ">; rel=\"next\"");
        }
        return response.body(entries);
    }

    @GetMapping("/api/notifications/me/unread-count")
    Map<String, Long> unreadCount(CallerIdentity caller) {
        return Map.of("unread", unread(caller));
    }

    /** Marks one entry of the caller's account read; another account's entry is a 404, as one that does not exist. */
    @PostMapping("/api/notifications/me/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead(CallerIdentity caller, @PathVariable long id) {
        int found = jdbc.sql("""
                UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = :id AND account_id = :account""")
                .param("id", id).param("account", caller.accountId()).update();
        if (found == 0) {
            throw ApiProblem.notFound("No notification " + id + " in your feed.");
        }
    }

    @PostMapping("/api/notifications/me/read-all")
    Map<String, Integer> markAllRead(CallerIdentity caller) {
        int marked = jdbc.sql("UPDATE notification SET read_at = now() WHERE account_id = :account AND read_at IS NULL")
                .param("account", caller.accountId()).update();
        return Map.of("marked", marked);
    }

    private long unread(CallerIdentity caller) {
        return jdbc.sql("SELECT count(*) FROM notification WHERE account_id = :account AND read_at IS NULL")
                .param("account", caller.accountId()).query(Long.class).single();
    }

    private static NotificationView view(ResultSet rs, int row) throws SQLException {
        Timestamp readAt = rs.getTimestamp("read_at");
        return new NotificationView(rs.getLong("id"), rs.getString("channel"), rs.getString("template"),
                rs.getString("category"), rs.getString("subject"), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("sent_at")), readAt != null,
                instant(readAt));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * @param channel {@code email}, or {@code in_app} for an entry with no mail behind it
     * @param category {@code billing}, {@code support}, {@code usage}, {@code community}, ...
     * @param status {@code waiting_for_address}, {@code pending} (waiting for SMTP or its turn), {@code sent},
     *        {@code undeliverable}, or {@code opted_out} (in-app only: the recipient opted out of the category)
     * @param sentAt when SMTP accepted it; null until then
     */
    record NotificationView(long id, String channel, String template, String category, String subject, String status,
            Instant createdAt, Instant sentAt, boolean read, Instant readAt) {
    }
}
