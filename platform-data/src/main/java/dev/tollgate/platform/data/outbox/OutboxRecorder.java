package dev.tollgate.platform.data.outbox;

import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.identity.Ids;

/**
 * Writes every {@link DomainEvent} a service publishes with Spring's {@code ApplicationEventPublisher}
 * into Modulith's {@code event_publication} table, synchronously, inside the publishing transaction:
 * the state change and its event commit together or not at all. After the commit it asks the
 * {@link OutboxRelay} to send the account's events.
 */
class OutboxRecorder {

    /** The {@code listener_id} of the outbox's publications; stable, because rows outlive releases. */
    static final String LISTENER_ID = "tollgate.outbox.kafka";

    /** The advisory lock an account's publishing transactions queue on: a 64-bit hash of this prefix and the account. */
    static final String PUBLISH_LOCK = "tollgate-outbox-publish:";

    private final JdbcClient jdbc;
    private final EventSerializer events;
    private final OutboxRelay relay;
    private final OutboxSettings settings;
    private final OutboxTraceContext traces;

    OutboxRecorder(JdbcClient jdbc, EventSerializer events, OutboxRelay relay, OutboxSettings settings, OutboxTraceContext traces) {
        this.jdbc = jdbc;
        this.events = events;
        this.relay = relay;
        this.settings = settings;
        this.traces = traces;
    }

    @EventListener
    void record(DomainEvent event) {
        String account = keyOf(event);
        if (settings.topic() == null || settings.topic().isBlank()) {
            throw new IllegalStateException("this service publishes " + event.eventType()
                    + " but names no topic; set tollgate.outbox.topic");
        }
        // Held until this transaction ends: a second transaction publishing for the same account
        // waits here, so its row gets a later publication_seq exactly when it commits later, and
        // the relay's order (publication_seq) is the account's commit order.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param(PUBLISH_LOCK + account).query().listOfRows();
        jdbc.sql("""
                INSERT INTO event_publication (id, event_type, listener_id, publication_date, serialized_event,
                    status, completion_attempts, last_resubmission_date, routing_key, traceparent)
                VALUES (?, ?, ?, clock_timestamp(), ?, 'PUBLISHED', 1, clock_timestamp(), ?, ?)""")
                .params(UUID.randomUUID(), event.getClass().getName(), LISTENER_ID, events.serialize(event), account,
                        traces.current())
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.nudge(account);
                }
            });
        } else {
            relay.nudge(account);
        }
    }

    /**
     * The account id becomes the Kafka key, so it is checked against the one id format here, where
     * every event passes: nothing else reaches the key, and the key is never parsed as an expression
     * (the relay sends it as a plain string, not through Modulith's SpEL-capable routing).
     */
    private static String keyOf(DomainEvent event) {
        try {
            return Ids.requireAccountId(event.accountId(), "event " + event.eventType());
        } catch (Ids.InvalidIdException e) {
            throw new MalformedEventException("refusing to publish " + event.eventType() + ": " + e.getMessage(), e);
        }
    }
}
