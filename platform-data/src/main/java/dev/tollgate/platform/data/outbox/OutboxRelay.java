package dev.tollgate.platform.data.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.util.ClassUtils;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends the outbox's publications to Kafka, per account, strictly in the account's commit order.
 * <p>
 * Why our own relay on Modulith's table rather than Modulith's externalizer or another outbox
 * library: Modulith 2.0 sends each publication from its own after-commit task, so two commits of
 * one account race (its only remedy, {@code serializeExternalization}, is one global send at a
 * time), and its resubmission re-invokes publications one by one, unordered, without a lock.
 * namastack-outbox (1.6 on Maven Central) does order per key across instances, but it replaces
 * the publishing API, the table and the retry model with its own handler records and brings a
 * Kotlin runtime; the ordering we need is a few SQL statements on the table we already have.
 * <p>
 * How: an account (the Kafka key) is sent by one drainer at a time across all replicas, the
 * holder of a PostgreSQL session advisory lock on the account. The drainer sends the account's
 * rows in {@code publication_seq} order, {@code batch-size} at a time (1 by default): it hands the batch to the
 * producer, then waits for the acknowledgements in order and deletes the acknowledged prefix in one statement; at
 * the first failure it stops that account, marks the row {@code FAILED} and leaves it and everything after it for
 * a retry with exponential backoff. With the default batch of one, no later event of the account can overtake a
 * failed one; a larger batch trades that for speed (see {@link OutboxSettings#batchSize()}). Other accounts go on
 * in parallel, up to {@code max-in-flight} per
 * replica. A replica that dies lets go of its locks with its connections; its rows are sent by
 * the {@link OutboxResubmission} sweep. A send whose acknowledgement is lost is sent again
 * (at least once); consumers drop the duplicate by {@code ce_id}.
 */
public class OutboxRelay implements DisposableBean {

    /**
     * The session advisory lock held while an account's publications are sent: a 64-bit hash of
     * this prefix and the account, so two accounts practically never share a lock.
     */
    static final String SEND_LOCK = "tollgate-outbox-send:";

    public static final String FAILED_SENDS_METRIC = "tollgate.outbox.send.failures";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final KafkaOperations<Object, Object> kafka;
    private final EventSerializer events;
    private final DomainEventSerializer wire;
    private final OutboxSettings settings;
    private final Counter failedSends;
    private final ThreadPoolExecutor senders;
    /** Accounts waiting for a sender thread, so a burst for one account queues it once. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** Accounts whose last send failed here, and when they may be tried again. */
    private final Map<String, Instant> coolingDown = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public OutboxRelay(DataSource dataSource, KafkaOperations<Object, Object> kafka, EventSerializer events,
            DomainEventSerializer wire, OutboxSettings settings, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.events = events;
        this.wire = wire;
        this.settings = settings;
        this.failedSends = Counter.builder(FAILED_SENDS_METRIC)
                .description("Outbox sends Kafka did not acknowledge; each holds its account back until a retry succeeds")
                .register(meters);
        AtomicInteger threads = new AtomicInteger();
        this.senders = new ThreadPoolExecutor(settings.maxInFlight(), settings.maxInFlight(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "outbox-relay-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Asks for the account's outstanding publications to be sent; returns at once. */
    public void nudge(String account) {
        if (stopping || isCoolingDown(account)) {
            return;
        }
        if (queued.add(account)) {
            try {
                senders.execute(() -> {
                    queued.remove(account);
                    drain(account);
                });
            } catch (RejectedExecutionException shuttingDown) {
                // The row stays in the table; the next start sends it.
                queued.remove(account);
            }
        }
    }

    private boolean isCoolingDown(String account) {
        Instant until = coolingDown.get(account);
        if (until != null && !Instant.now().isBefore(until)) {
            coolingDown.remove(account, until);
            return false;
        }
        return until != null;
    }

    private void drain(String account) {
        boolean sentEverything;
        try (Connection session = dataSource.getConnection()) {
            JdbcClient sql = JdbcClient.create(new JdbcTemplate(new SingleConnectionDataSource(session, true)));
            if (!Boolean.TRUE.equals(sql.sql("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")
                    .param(SEND_LOCK + account).query(Boolean.class).single())) {
                // Another thread or replica is sending this account; it looks again after letting go.
                return;
            }
            try {
                sentEverything = sendInOrder(sql, account);
            } finally {
                sql.sql("SELECT pg_advisory_unlock(hashtextextended(?, 0))").param(SEND_LOCK + account).query().listOfRows();
            }
            // A commit that found the lock taken just before we let go is ours to send.
            if (sentEverything && hasOutstanding(sql, account)) {
                nudge(account);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not send the outbox of account {}; the resubmission sweep tries again", account, e);
        }
    }

    /** Returns true if the account has nothing left to send, false if it stopped at a failed send. */
    private boolean sendInOrder(JdbcClient sql, String account) {
        while (!stopping) {
            List<Row> rows = sql.sql("""
                    SELECT id, event_type, serialized_event, traceparent FROM event_publication
                    WHERE routing_key = ? AND listener_id = ? AND completion_date IS NULL
                    ORDER BY publication_seq LIMIT ?""")
                    .params(account, OutboxRecorder.LISTENER_ID, settings.batchSize())
                    .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4))).list();
            if (rows.isEmpty()) {
                coolingDown.remove(account);
                return true;
            }
            Outcome outcome = sendBatch(account, rows);
            if (!outcome.acknowledged().isEmpty()) {
                // Acknowledged: those rows are done; the outbox table holds only what Kafka is still owed.
                sql.sql("DELETE FROM event_publication WHERE id = ANY(?)")
                        .param(outcome.acknowledged().toArray(UUID[]::new)).update();
            }
            if (outcome.failure() != null) {
                holdBack(sql, account, outcome.failedRow(), outcome.failure());
                return false;
            }
        }
        return false;
    }

    /**
     * Sends the rows in order without waiting between them, then waits for the acknowledgements in the same order
     * and returns the acknowledged prefix. While sends succeed the account's order holds: every row of an account
     * has one key, hence one partition per topic, and the idempotent producer appends a partition's records in send
     * order. A send that fails for good does not stop the later ones of the batch already handed over (the producer
     * starts a new epoch and sends them after the gap), which is why batches above one are opt-in. A row that
     * cannot even be handed to the producer (its class is gone, no metadata) ends the batch before anything later
     * is sent.
     */
    private Outcome sendBatch(String account, List<Row> rows) {
        List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
        Exception failure = null;
        for (Row row : rows) {
            try {
                acks.add(kafka.send(message(account, row)));
            } catch (Exception e) {
                failure = e;
                break;
            }
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<UUID> acknowledged = new ArrayList<>(acks.size());
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(rows.get(i).id());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failure = unwrap(e);
                break;
            }
        }
        int failedIndex = acknowledged.size();
        return failure == null ? new Outcome(acknowledged, null, null)
                : new Outcome(acknowledged, rows.get(failedIndex), failure);
    }

    /** Marks the first unacknowledged row FAILED and holds the account back for the backoff, so nothing later overtakes it. */
    private void holdBack(JdbcClient sql, String account, Row row, Exception failure) {
        failedSends.increment();
        int attempts = sql.sql("""
                UPDATE event_publication SET status = 'FAILED', completion_attempts = completion_attempts + 1,
                    last_resubmission_date = clock_timestamp() WHERE id = ? RETURNING completion_attempts""")
                .param(row.id()).query(Integer.class).optional().orElse(2);
        Duration pause = backoff(attempts - 1);
        coolingDown.put(account, Instant.now().plus(pause));
        log.warn("Kafka did not acknowledge {} of account {}; holding the account's later events and "
                + "trying again in {}", row.id(), account, pause, failure);
    }

    private Message<?> message(String account, Row row) throws ClassNotFoundException {
        Class<?> type = ClassUtils.forName(row.eventType(), getClass().getClassLoader());
        DomainEvent event = (DomainEvent) events.deserialize(row.serializedEvent(), type);
        var builder = MessageBuilder.fromMessage(wire.toMessage(event))
                .setHeader(KafkaHeaders.TOPIC, EventTypes.topicOf(type, settings.topic()))
                .setHeader(KafkaHeaders.KEY, account);
        if (row.traceparent() != null) {
            // The trace of the transaction that recorded the event: its consumers continue it.
            builder.setHeader(OutboxTraceContext.TRACEPARENT, row.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private Exception unwrap(Exception e) {
        if (e instanceof ExecutionException && e.getCause() instanceof Exception cause) {
            return cause;
        }
        if (e instanceof TimeoutException) {
            return new TimeoutException("no acknowledgement within " + settings.sendTimeout());
        }
        return e;
    }

    /** The pause after the n-th consecutive failure: retry-backoff doubled per failure, at most max-retry-backoff. */
    Duration backoff(int failures) {
        long factor = 1L << Math.min(Math.max(failures - 1, 0), 30);
        Duration pause = settings.retryBackoff().multipliedBy(factor);
        return pause.compareTo(settings.maxRetryBackoff()) > 0 ? settings.maxRetryBackoff() : pause;
    }

    private static boolean hasOutstanding(JdbcClient sql, String account) {
        return sql.sql("""
                SELECT EXISTS (SELECT 1 FROM event_publication
                    WHERE routing_key = ? AND listener_id = ? AND completion_date IS NULL)""")
                .params(account, OutboxRecorder.LISTENER_ID).query(Boolean.class).single();
    }

    /** Stops taking work and waits briefly for sends in flight; whatever is unsent stays in the table for the next start. */
    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        senders.shutdown();
        if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
            senders.shutdownNow();
        }
    }

    private record Row(UUID id, String eventType, String serializedEvent, String traceparent) {
    }

    /** The acknowledged prefix of a batch and, if the batch stopped early, its first unacknowledged row and why. */
    private record Outcome(List<UUID> acknowledged, Row failedRow, Exception failure) {
    }
}
