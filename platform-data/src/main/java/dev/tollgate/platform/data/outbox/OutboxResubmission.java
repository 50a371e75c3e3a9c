package dev.tollgate.platform.data.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Finds accounts with publications still owed to Kafka that nobody is sending (the broker was
 * away, the sending replica died, a send failed and its backoff is over) and hands them to the
 * {@link OutboxRelay}. One replica at a time runs the periodic sweep: ShedLock's lock in the
 * {@code shedlock} table (JDBC provider, database time), so replicas do not all scan the table
 * every interval. Sending stays safe without it (the relay's per-account lock), which is why the
 * start-up sweep needs no ShedLock lock.
 */
public class OutboxResubmission {

    static final String LOCK_NAME = "tollgate-outbox-resubmission";

    private static final Logger log = LoggerFactory.getLogger(OutboxResubmission.class);

    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final LockingTaskExecutor locks;
    private final OutboxSettings settings;

    public OutboxResubmission(JdbcClient jdbc, OutboxRelay relay, LockingTaskExecutor locks, OutboxSettings settings) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.locks = locks;
        this.settings = settings;
    }

    /** The periodic sweep, on whichever replica holds the lock; others skip this round. */
    public void sweepOnOneReplica() {
        try {
            locks.executeWithLock((Runnable) () -> sweep(settings.resubmitAfter()), new LockConfiguration(Instant.now(),
                    LOCK_NAME, settings.resubmitInterval().multipliedBy(6), settings.resubmitInterval().dividedBy(2)));
        } catch (RuntimeException e) {
            log.warn("Looking for unsent outbox publications failed; trying again in {}", settings.resubmitInterval(), e);
        }
    }

    /** At start-up everything outstanding is sent again, whatever its age: what a crash left behind goes out first. */
    public void republishOutstanding() {
        try {
            sweep(Duration.ZERO);
        } catch (RuntimeException e) {
            log.warn("Could not look for unsent outbox publications at start-up; the periodic sweep will", e);
        }
    }

    /** Nudges every account whose oldest outstanding publication is older than {@code age} and not in its backoff. */
    public void sweep(Duration age) {
        List<Head> heads = jdbc.sql("""
                SELECT routing_key, status, completion_attempts,
                       EXTRACT(EPOCH FROM clock_timestamp() - last_resubmission_date) AS seconds_since_attempt
                FROM (SELECT DISTINCT ON (routing_key) * FROM event_publication
                      WHERE listener_id = ? AND completion_date IS NULL
                      ORDER BY routing_key, publication_seq) head
                WHERE publication_date <= clock_timestamp() - make_interval(secs => ?)
                ORDER BY publication_seq""")
                .params(OutboxRecorder.LISTENER_ID, age.toMillis() / 1000.0)
                .query((rs, n) -> new Head(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getDouble(4))).list();
        for (Head head : heads) {
            if (!head.waitingForBackoff(relay)) {
                relay.nudge(head.account());
            }
        }
    }

    private record Head(String account, String status, int attempts, double secondsSinceAttempt) {

        boolean waitingForBackoff(OutboxRelay relay) {
            return "FAILED".equals(status) && secondsSinceAttempt * 1000 < relay.backoff(attempts - 1).toMillis();
        }
    }
}
