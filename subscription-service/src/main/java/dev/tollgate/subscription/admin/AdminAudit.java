package dev.tollgate.subscription.admin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The append-only audit log of admin actions ({@code admin_audit}; a trigger refuses updates and deletes). */
@Repository
class AdminAudit {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AdminAudit(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Entry(long id, String actor, String action, String accountId, String reason, Instant at, JsonNode before,
            JsonNode after) {
    }

    /** Appends an entry in the caller's transaction, so the action and its record commit together. */
    void append(String actor, String action, String accountId, String reason, Instant at, Object before, Object after) {
        jdbc.sql("""
                INSERT INTO admin_audit (actor, action, account_id, reason, at, before, after)
                VALUES (:actor, :action, :account, :reason, :at, CAST(:before AS jsonb), CAST(:after AS jsonb))""")
                .param("actor", actor).param("action", action).param("account", accountId).param("reason", reason)
                .param("at", Timestamp.from(at)).param("before", before == null ? null : json.writeValueAsString(before))
                .param("after", after == null ? null : json.writeValueAsString(after)).update();
    }

    List<Entry> read(String accountId, int page, int size) {
        return jdbc.sql("""
                SELECT id, actor, action, account_id, reason, at, before::text, after::text FROM admin_audit
                WHERE (CAST(:account AS text) IS NULL OR account_id = :account) ORDER BY id DESC LIMIT :size OFFSET :offset""")
                .param("account", accountId).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), tree(rs.getString(7)), tree(rs.getString(8))))
                .list();
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }
}
