package dev.tollgate.platform.data.consumer;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.kafka.RetryingPartitions;

/**
 * The Spring Cloud Stream function behind one {@link EventConsumer}: envelope, dispatch by type,
 * inbox transaction. Its input binding ({@code <function>-in-0}) reads the subscription's topic in
 * the consumer's group unless configuration names others. It throws whatever the handler threw;
 * the binding's error handler ({@link EventBindingContainers}) decides poison or transient.
 */
public class EventBinding implements Consumer<Message<String>> {

    private static final Logger log = LoggerFactory.getLogger(EventBinding.class);

    private final EventSubscription subscription;
    private final Inbox inbox;
    private final RetryingPartitions retrying;

    EventBinding(String function, EventConsumer consumer, Inbox inbox, RetryingPartitions retrying, BindingServiceProperties bindings) {
        this.subscription = consumer.subscription();
        this.inbox = inbox;
        this.retrying = retrying;
        String binding = inputOf(function);
        BindingProperties properties = bindings.getBindingProperties(binding);
        // Without configuration Spring Cloud Stream would read a topic named after the binding, in an anonymous group.
        String topic = properties.getDestination() == null || properties.getDestination().equals(binding)
                ? subscription.topic() : properties.getDestination();
        // The binding subscribes by pattern (EventBindingRegistrar): quoted, the pattern is exactly this topic.
        properties.setDestination(topic.startsWith("\\Q") ? topic : Pattern.quote(topic));
        if (properties.getGroup() == null) {
            properties.setGroup(subscription.consumer());
        }
        // Failures are reported under the group (PartitionHoldingBackOff.consumerOf): its gauge exists from the start.
        retrying.watch(properties.getGroup());
    }

    static String inputOf(String function) {
        return function + "-in-0";
    }

    EventSubscription subscription() {
        return subscription;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void accept(Message<String> message) {
        // The raw record keeps the CloudEvent headers as the producer wrote them (plainHeaderMessageConverter).
        ConsumerRecord<String, String> record = message.getHeaders().get(KafkaHeaders.RAW_DATA, ConsumerRecord.class);
        if (record == null) {
            throw new MalformedEventException("the binding delivered a message without its Kafka record; set the binding's "
                    + "converter-bean-name to plainHeaderMessageConverter");
        }
        EventEnvelope envelope = EventEnvelope.from(record);
        Optional<Consumer<EventEnvelope>> handler = subscription.handlerFor(envelope.type());
        if (handler.isPresent()) {
            // The handler's log lines (and those of the transaction it runs in) name the event's account.
            try (var account = envelope.subject() == null ? null
                    : org.slf4j.MDC.putCloseable(dev.tollgate.platform.identity.InternalIdentityFilter.ACCOUNT_MDC_KEY, envelope.subject())) {
                log.debug("{} handles {} (event {})", subscription.consumer(), envelope.type(), envelope.id());
                inbox.receive(subscription.consumer(), envelope, handler.get());
            }
        } else {
            log.debug("{} does not read {} (event {}); skipped", subscription.consumer(), envelope.type(), envelope.id());
        }
        retrying.progressed(subscription.consumer(), record.topic(), record.partition());
    }
}
