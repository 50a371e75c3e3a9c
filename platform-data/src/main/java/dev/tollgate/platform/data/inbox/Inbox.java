package dev.tollgate.platform.data.inbox;

import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.platform.events.EventEnvelope;

/**
 * Runs an event handler at most once per (consumer, event id). The inbox row and the handler's
 * writes share one transaction: if the handler fails, neither is kept and Kafka redelivers; if
 * it succeeds, a redelivery finds the row and is acknowledged without effect.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public Inbox(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Parses the record's envelope and hands it to {@code handler} unless this consumer already processed it. */
    public void receive(String consumer, ConsumerRecord<String, String> record, Consumer<EventEnvelope> handler) {
        receive(consumer, EventEnvelope.from(record), handler);
    }

    /** Hands {@code envelope} to {@code handler} unless this consumer already processed it. */
    public void receive(String consumer, EventEnvelope envelope, Consumer<EventEnvelope> handler) {
        transactions.executeWithoutResult(status -> {
            if (firstDelivery(consumer, envelope)) {
                handler.accept(envelope);
            } else {
                log.debug("{} already processed event {} ({}); ignoring the redelivery", consumer, envelope.id(), envelope.type());
            }
        });
    }

    private boolean firstDelivery(String consumer, EventEnvelope envelope) {
        int inserted = jdbc.sql("""
                INSERT INTO inbox (consumer, event_id, event_type) VALUES (:consumer, :eventId, :type)
                ON CONFLICT (consumer, event_id) DO NOTHING""")
                .param("consumer", consumer)
                .param("eventId", envelope.id())
                .param("type", envelope.type())
                .update();
        return inserted == 1;
    }
}
