package dev.tollgate.ticket.sla;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.ticket.TicketSettings;
import dev.tollgate.ticket.sla.SlaEvents.TicketResponseDue;
import dev.tollgate.ticket.sla.SlaEvents.TicketSlaBreached;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Announces tickets whose first-response target is near ({@code ticket.response_due.v1}) or passed
 * ({@code ticket.sla_breached.v1}) without an agent's reply. Each announcement is claimed by
 * setting its column on the ticket in the transaction that publishes it (outbox), so it happens once
 * whichever replica runs the job, also when two run at the same moment. ShedLock (the platform's
 * JDBC lock on the {@code shedlock} table, database time) only spares the other replicas the same
 * scan; it is a well-kept library for exactly this and its table is there already.
 */
@Component
public class ResponseTargetJob {

    static final String LOCK_NAME = "ticket-response-targets";
    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(ResponseTargetJob.class);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final LockingTaskExecutor locks;
    private final TicketSettings settings;
    private final Clock clock;

    ResponseTargetJob(JdbcClient jdbc, ApplicationEventPublisher events, TransactionTemplate transaction,
            LockingTaskExecutor locks, TicketSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.transaction = transaction;
        this.locks = locks;
        this.settings = settings;
        this.clock = clock;
    }

    /** The scheduled run, on whichever replica holds the lock; the others skip this round. */
    public void runOnOneReplica() {
        try {
            locks.executeWithLock((Runnable) this::check, new LockConfiguration(Instant.now(), LOCK_NAME,
                    settings.responseCheckInterval().multipliedBy(10), Duration.ZERO));
        } catch (RuntimeException e) {
            log.warn("Checking ticket response targets failed; trying again in {}", settings.responseCheckInterval(), e);
        }
    }

    /** Publishes every response-due notice and breach owed at the clock's now. */
    public void check() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        while (announce("response_due_notified_at", """
                response_due_at > :now AND response_due_at <= :horizon""", now, true) == BATCH) {
            // more owed than one batch
        }
        while (announce("sla_breach_published_at", "response_due_at <= :now", now, false) == BATCH) {
            // more owed than one batch
        }
    }

    private int announce(String claimColumn, String dueCondition, Instant now, boolean dueNotice) {
        Integer published = transaction.execute(status -> {
            List<Owed> owed = jdbc.sql("""
                    UPDATE ticket SET %1$s = :now
                    WHERE %1$s IS NULL AND number IN (
                        SELECT number FROM ticket
                        WHERE %1$s IS NULL AND first_response_at IS NULL
                          AND status IN ('open', 'in_progress', 'waiting_on_customer') AND %2$s
                        ORDER BY response_due_at LIMIT :batch FOR UPDATE SKIP LOCKED)
                    RETURNING number, account_id, priority, plan_id, assignee, response_due_at"""
                    .formatted(claimColumn, dueCondition))
                    .param("now", Timestamp.from(now)).param("horizon", Timestamp.from(now.plus(settings.responseDueLead())))
                    .param("batch", BATCH)
                    .query((rs, n) -> new Owed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant()))
                    .list();
            for (Owed ticket : owed) {
                events.publishEvent(dueNotice
                        ? new TicketResponseDue(UUID.randomUUID(), ticket.accountId(), now, ticket.number(), ticket.priority(),
                                ticket.planId(), ticket.assignee(), ticket.dueAt())
                        : new TicketSlaBreached(UUID.randomUUID(), ticket.accountId(), now, ticket.number(), ticket.priority(),
                                ticket.planId(), ticket.assignee(), ticket.dueAt()));
            }
            return owed.size();
        });
        return published == null ? 0 : published;
    }

    private record Owed(String number, String accountId, String priority, String planId, String assignee, Instant dueAt) {
    }
}
