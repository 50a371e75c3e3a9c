package dev.tollgate.platform.data.consumer;

import java.util.Optional;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.kafka.RetryingPartitions;

/**
 * The Kafka listener behind every {@link EventSubscription}: envelope, dispatch by type, inbox
 * transaction. It throws whatever the handler threw; the error handler decides poison or transient.
 */
public class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final EventSubscription subscription;
    private final Inbox inbox;
    private final RetryingPartitions retrying;

    EventDispatcher(EventSubscription subscription, Inbox inbox, RetryingPartitions retrying) {
        this.subscription = subscription;
        this.inbox = inbox;
        this.retrying = retrying;
    }

    public void onRecord(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = EventEnvelope.from(record);
        Optional<Consumer<EventEnvelope>> handler = subscription.handlerFor(envelope.type());
        if (handler.isPresent()) {
            inbox.receive(subscription.consumer(), envelope, handler.get());
        } else {
            log.debug("{} does not read {} (event {}); skipped", subscription.consumer(), envelope.type(), envelope.id());
        }
        retrying.progressed(subscription.consumer(), record.topic(), record.partition());
    }
}
