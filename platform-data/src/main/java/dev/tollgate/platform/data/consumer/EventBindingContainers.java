package dev.tollgate.platform.data.consumer;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.BackOff;

import dev.tollgate.platform.kafka.ConsumerErrorHandlers;
import dev.tollgate.platform.kafka.DeadLetterPolicy;

/**
 * Gives each consumer binding's listener container the platform's failure policy
 * ({@link DeadLetterPolicy}) instead of the binder's in-memory retries and DLQ: poison to the
 * dead-letter topic at once, transient failures retried holding the partition. Per binding:
 * {@code spring.cloud.stream.kafka.bindings.<binding>.consumer.dlq-name} (default {@code <topic>.dlt})
 * and {@code spring.cloud.stream.bindings.<binding>.consumer.back-off-initial-interval},
 * {@code back-off-multiplier}, {@code back-off-max-interval}. Also bounds the container's stop.
 */
public class EventBindingContainers implements ListenerContainerWithDlqAndRetryCustomizer {

    private final ConsumerErrorHandlers errorHandlers;
    private final Map<String, MessageListenerContainer> byConsumer = new ConcurrentHashMap<>();

    EventBindingContainers(ConsumerErrorHandlers errorHandlers) {
        this.errorHandlers = errorHandlers;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destination, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        configure(container, destination, group, dlqDestinationResolver, backOff, new ExtendedConsumerProperties<>(new KafkaConsumerProperties()));
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destination, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        // The destination is a pattern (EventBinding); without a dlq-name each record's own topic names its dead-letter topic.
        container.setCommonErrorHandler(errorHandlers.forBinding(properties.getExtension().getDlqName(),
                Duration.ofMillis(properties.getBackOffInitialInterval()), properties.getBackOffMultiplier(),
                Duration.ofMillis(properties.getBackOffMaxInterval())));
        // Stop after the record in hand, waiting for the consumer thread a bounded time, so SIGTERM is honoured
        // promptly also with Kafka or the database gone; a record cut off mid-way rolls back and is redelivered.
        container.getContainerProperties().setShutdownTimeout(DeadLetterPolicy.KAFKA_CLOSE_TIMEOUT.toMillis());
        container.getContainerProperties().setStopImmediate(true);
        if (group != null) {
            byConsumer.put(group, container);
        }
    }

    /** Retries and dead letters are the platform's error handler's, not the binder's. */
    @Override
    public boolean retryAndDlqInBinding(String destination, String group) {
        return false;
    }

    /** The listener container of the consumer with this name (its group), once its binding started. */
    public Optional<MessageListenerContainer> of(String consumer) {
        return Optional.ofNullable(byConsumer.get(consumer));
    }
}
