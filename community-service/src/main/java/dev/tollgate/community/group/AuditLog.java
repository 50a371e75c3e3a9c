package dev.tollgate.community.group;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Who did which administrative action, written in the transaction of the action itself. */
@Repository
public class AuditLog {

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String actorAccount, String actorUser, String action, UUID groupId, String subject, String details) {
        jdbc.sql("""
                INSERT INTO community_audit (actor_account, actor_user, action, group_id, subject, details)
                VALUES (:account, :user, :action, :group, :subject, :details)""")
                .param("account", actorAccount).param("user", actorUser).param("action", action).param("group", groupId)
                .param("subject", subject).param("details", details).update();
    }

    public List<Entry> ofGroup(UUID groupId) {
        return jdbc.sql("""
                SELECT id, at, actor_account, actor_user, action, subject, details FROM community_audit
                WHERE group_id = :group ORDER BY id""")
                .param("group", groupId)
                .query((row, n) -> new Entry(row.getLong("id"), row.getTimestamp("at").toInstant(), row.getString("actor_account"),
                        row.getString("actor_user"), row.getString("action"), row.getString("subject"), row.getString("details")))
                .list();
    }

    public record Entry(long id, Instant at, String actorAccount, String actorUser, String action, String subject, String details) {
    }
}
