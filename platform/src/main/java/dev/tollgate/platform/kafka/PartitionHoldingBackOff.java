package dev.tollgate.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.DefaultBackOffHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;

import dev.tollgate.platform.events.CloudEventHeaders;

/**
 * Waits out a transient failure by pausing only the failed record's partition instead of sleeping
 * in the consumer thread. The consumer keeps polling (so a back-off of minutes never trips
 * {@code max.poll.interval.ms} and the group does not rebalance), the other partitions go on, and
 * the held partition resumes at the failed record, so later records of the same key wait their turn.
 *
 * <p>Spring Kafka's own {@code ContainerPausingBackOffHandler} pauses the whole container because
 * the back-off callback is not told the partition; Spring Kafka tells its retry listeners first, on
 * the same consumer thread, so this class remembers the partition there.
 */
class PartitionHoldingBackOff implements BackOffHandler, RetryListener {

    private final ThreadLocal<TopicPartition> lastFailed = new ThreadLocal<>();
    private final ListenerContainerPauseService pauses;
    private final RetryingPartitions retrying;
    private final BackOffHandler sleeping = new DefaultBackOffHandler();

    PartitionHoldingBackOff(ListenerContainerPauseService pauses, RetryingPartitions retrying) {
        this.pauses = pauses;
        this.retrying = retrying;
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        lastFailed.set(new TopicPartition(record.topic(), record.partition()));
        if (!DeadLetterPolicy.isPoison(failure)) {
            retrying.failed(consumerOf(failure), record, failure, eventId(record));
        }
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        retrying.progressed(consumerOf(failure), record.topic(), record.partition());
    }

    @Override
    public void onNextBackOff(MessageListenerContainer container, Exception failure, long backOffMillis) {
        TopicPartition partition = lastFailed.get();
        lastFailed.remove();
        if (container == null || partition == null) {
            sleeping.onNextBackOff(container, failure, backOffMillis);
            return;
        }
        pauses.pausePartition(container, partition, Duration.ofMillis(backOffMillis));
    }

    static String consumerOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ListenerExecutionFailedException listenerFailure && listenerFailure.getGroupId() != null) {
                return listenerFailure.getGroupId();
            }
        }
        return "unknown";
    }

    private static String eventId(ConsumerRecord<?, ?> record) {
        Header id = record.headers().lastHeader(CloudEventHeaders.ID);
        return id == null ? null : new String(id.value(), StandardCharsets.UTF_8);
    }
}
