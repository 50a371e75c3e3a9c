package dev.tollgate.ticket.desk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.ticket.period.BillingPeriod;

/** The {@code ticket}, {@code ticket_comment}, {@code ticket_number} and {@code ticket_quota_exceeded} tables. */
@Repository
class Tickets {

    private static final String COLUMNS = """
            number, account_id, created_by, subject, description, category, priority, status, plan_id, assignee, revision,
            created_at, updated_at, response_due_at, first_response_at, resolved_at, closed_at, sla_breach_published_at""";

    private final JdbcClient jdbc;

    Tickets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues this transaction behind every other creation for the account until it ends, so
     * counting the period's tickets and inserting one are a single step: concurrent creations can
     * never both see room for the last ticket.
     */
    void lockAllowanceOf(String accountId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", "tollgate-ticket-quota:" + accountId)
                .query().listOfRows();
    }

    long createdIn(String accountId, BillingPeriod period) {
        return jdbc.sql("SELECT count(*) FROM ticket WHERE account_id = :account AND created_at >= :start AND created_at < :end")
                .param("account", accountId).param("start", Timestamp.from(period.start()))
                .param("end", Timestamp.from(period.end())).query(Long.class).single();
    }

    /** True for the first refusal of the account in the period (the one that publishes the event). */
    boolean firstRefusalIn(String accountId, BillingPeriod period, Instant now) {
        return jdbc.sql("""
                INSERT INTO ticket_quota_exceeded (account_id, period_start, published_at) VALUES (:account, :start, :now)
                ON CONFLICT DO NOTHING""")
                .param("account", accountId).param("start", Timestamp.from(period.start())).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /**
     * The prefix's next number. The row stays locked until this transaction ends, so numbers are
     * handed out in commit order, and a creation that rolls back leaves no gap.
     */
    long nextNumber(String prefix) {
        return jdbc.sql("""
                INSERT INTO ticket_number (prefix, last_number) VALUES (:prefix, 1)
                ON CONFLICT (prefix) DO UPDATE SET last_number = ticket_number.last_number + 1
                RETURNING last_number""").param("prefix", prefix).query(Long.class).single();
    }

    void insert(Ticket ticket) {
        jdbc.sql("""
                INSERT INTO ticket (number, account_id, created_by, subject, description, category, priority, status, plan_id,
                    assignee, revision, created_at, updated_at, response_due_at)
                VALUES (:number, :account, :createdBy, :subject, :description, :category, :priority, :status, :plan,
                    :assignee, :revision, :createdAt, :createdAt, :dueAt)""")
                .param("number", ticket.number()).param("account", ticket.accountId()).param("createdBy", ticket.createdBy())
                .param("subject", ticket.subject()).param("description", ticket.description())
                .param("category", ticket.category()).param("priority", ticket.priority())
                .param("status", ticket.status().wire()).param("plan", ticket.planId()).param("assignee", ticket.assignee())
                .param("revision", ticket.revision()).param("createdAt", Timestamp.from(ticket.createdAt()))
                .param("dueAt", Timestamp.from(ticket.responseDueAt()))
                .update();
    }

    Optional<Ticket> find(String number, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE number = :number" + (forUpdate ? " FOR UPDATE" : ""))
                .param("number", number).query(Tickets::ticket).optional();
    }

    /** Writes the mutable part of {@code ticket} (status, assignee, revision and times). */
    void update(Ticket ticket) {
        jdbc.sql("""
                UPDATE ticket SET status = :status, assignee = :assignee, revision = :revision, updated_at = :updatedAt,
                    first_response_at = :firstResponse, resolved_at = :resolved, closed_at = :closed
                WHERE number = :number""")
                .param("status", ticket.status().wire()).param("assignee", ticket.assignee())
                .param("revision", ticket.revision()).param("updatedAt", Timestamp.from(ticket.updatedAt()))
                .param("firstResponse", timestamp(ticket.firstResponseAt())).param("resolved", timestamp(ticket.resolvedAt()))
                .param("closed", timestamp(ticket.closedAt())).param("number", ticket.number())
                .update();
    }

    long addComment(String number, String authorId, boolean byAgent, boolean internal, String body, Instant at) {
        return jdbc.sql("""
                INSERT INTO ticket_comment (ticket_number, author_id, by_agent, internal, body, created_at)
                VALUES (:number, :author, :byAgent, :internal, :body, :at) RETURNING id""")
                .param("number", number).param("author", authorId).param("byAgent", byAgent).param("internal", internal)
                .param("body", body).param("at", Timestamp.from(at)).query(Long.class).single();
    }

    List<Comment> comments(String number, boolean withInternal) {
        return jdbc.sql("SELECT id, author_id, by_agent, internal, body, created_at FROM ticket_comment WHERE ticket_number = :number"
                + (withInternal ? "" : " AND NOT internal") + " ORDER BY id")
                .param("number", number)
                .query((rs, n) -> new Comment(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    /** The account's tickets, newest first; {@code status} null for all. */
    Page<Ticket> ofAccount(String accountId, TicketStatus status, int page, int size) {
        String where = " WHERE account_id = :account" + (status == null ? "" : " AND status = :status");
        var count = jdbc.sql("SELECT count(*) FROM ticket" + where).param("account", accountId);
        var select = jdbc.sql("SELECT " + COLUMNS + " FROM ticket" + where
                + " ORDER BY created_at DESC, number DESC LIMIT :size OFFSET :offset").param("account", accountId)
                .param("size", size).param("offset", (long) page * size);
        if (status != null) {
            count = count.param("status", status.wire());
            select = select.param("status", status.wire());
        }
        return new Page<>(select.query(Tickets::ticket).list(), page, size, count.query(Long.class).single());
    }

    /** Every account's tickets still with the support team, the earliest response due first. */
    Page<Ticket> queue(int page, int size) {
        String where = " WHERE status IN ('open', 'in_progress', 'waiting_on_customer')";
        List<Ticket> items = jdbc.sql("SELECT " + COLUMNS + " FROM ticket" + where
                + " ORDER BY response_due_at, number LIMIT :size OFFSET :offset")
                .param("size", size).param("offset", (long) page * size).query(Tickets::ticket).list();
        return new Page<>(items, page, size, jdbc.sql("SELECT count(*) FROM ticket" + where).query(Long.class).single());
    }

    private static Ticket ticket(ResultSet rs, int n) throws SQLException {
        return new Ticket(rs.getString("number"), rs.getString("account_id"), rs.getString("created_by"),
                rs.getString("subject"), rs.getString("description"), rs.getString("category"), rs.getString("priority"),
                TicketStatus.fromWire(rs.getString("status")).orElseThrow(), rs.getString("plan_id"), rs.getString("assignee"),
                rs.getLong("revision"), instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "response_due_at"),
                instant(rs, "first_response_at"), instant(rs, "resolved_at"), instant(rs, "closed_at"),
                instant(rs, "sla_breach_published_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** One page of a listing. */
    record Page<T>(List<T> items, int page, int size, long total) {
    }
}
