package dev.tollgate.platform.kafka;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Which consumer is held on which partition by a transiently failing record, and since when. The
 * error handler reports each failed delivery and each dead-lettering; the consumer reports each
 * record it got past. Read by the {@code eventConsumers} health component and published as the
 * {@code tollgate.events.retrying} gauge and the {@code tollgate.events.transient.failures} counter.
 */
public class RetryingPartitions {

    public static final String RETRYING_METRIC = "tollgate.events.retrying";
    public static final String TRANSIENT_FAILURES_METRIC = "tollgate.events.transient.failures";

    /** One held partition: the record it waits on, since the first failure, with the latest error. */
    public record Held(String consumer, TopicPartition partition, long offset, String eventId, Instant since, int attempts,
            String lastError) {
    }

    private final Map<String, Map<TopicPartition, Held>> held = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;

    public RetryingPartitions(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    void failed(String consumer, ConsumerRecord<?, ?> record, Throwable failure, String eventId) {
        Throwable cause = DeadLetterPolicy.rootCause(failure);
        Counter.builder(TRANSIENT_FAILURES_METRIC)
                .description("Deliveries that failed for a reason that may pass and will be retried")
                .tag("consumer", consumer)
                .tag("reason", cause.getClass().getSimpleName())
                .register(meters)
                .increment();
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        partitionsOf(consumer).merge(partition,
                new Held(consumer, partition, record.offset(), eventId, clock.instant(), 1, error),
                (before, now) -> before.offset() == now.offset()
                        ? new Held(consumer, partition, now.offset(), eventId, before.since(), before.attempts() + 1, error)
                        : now);
    }

    /**
     * Publishes the consumer's {@code tollgate.events.retrying} gauge (0) from its start, so an alert rule
     * on it has a series before the first failure.
     */
    public void watch(String consumer) {
        partitionsOf(consumer);
    }

    /** The consumer got past a record of this partition (applied, skipped or dead-lettered): it is no longer held. */
    public void progressed(String consumer, String topic, int partition) {
        Map<TopicPartition, Held> partitions = held.get(consumer);
        if (partitions != null && !partitions.isEmpty()) {
            partitions.remove(new TopicPartition(topic, partition));
        }
    }

    public Map<String, Map<TopicPartition, Held>> snapshot() {
        Map<String, Map<TopicPartition, Held>> copy = new TreeMap<>();
        held.forEach((consumer, partitions) -> {
            if (!partitions.isEmpty()) {
                copy.put(consumer, Map.copyOf(partitions));
            }
        });
        return copy;
    }

    private Map<TopicPartition, Held> partitionsOf(String consumer) {
        return held.computeIfAbsent(consumer, name -> {
            Map<TopicPartition, Held> partitions = new ConcurrentHashMap<>();
            Gauge.builder(RETRYING_METRIC, partitions, Map::size)
                    .description("Partitions this consumer holds because a record in them keeps failing transiently")
                    .tag("consumer", name)
                    .register(meters);
            return partitions;
        });
    }
}
