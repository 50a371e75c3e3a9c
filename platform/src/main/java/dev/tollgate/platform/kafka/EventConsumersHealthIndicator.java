package dev.tollgate.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code eventConsumers} health component: {@code RETRYING} with the held consumer, partition,
 * event, first failure and latest error while a record keeps failing transiently.
 *
 * <p>{@code RETRYING} is deliberately not one of the statuses the health aggregate orders, so the
 * service stays UP and ready: its HTTP API still answers from the data it holds, and taking it
 * out of the load balancer or restarting it would not bring the database, SMTP server or Stripe
 * back. Operators alert on this component or on the {@code tollgate_events_retrying} gauge.
 */
class EventConsumersHealthIndicator implements HealthIndicator {

    static final Status RETRYING = new Status("RETRYING", "a record keeps failing transiently; its partition is held");

    private final RetryingPartitions retrying;

    EventConsumersHealthIndicator(RetryingPartitions retrying) {
        this.retrying = retrying;
    }

    @Override
    public Health health() {
        Map<String, Map<TopicPartition, RetryingPartitions.Held>> held = retrying.snapshot();
        if (held.isEmpty()) {
            return Health.up().build();
        }
        Health.Builder health = Health.status(RETRYING);
        held.forEach((consumer, partitions) -> {
            Map<String, Object> byPartition = new LinkedHashMap<>();
            partitions.forEach((partition, record) -> byPartition.put(partition.toString(), Map.of(
                    "offset", record.offset(),
                    "eventId", String.valueOf(record.eventId()),
                    "since", record.since().toString(),
                    "attempts", record.attempts(),
                    "lastError", String.valueOf(record.lastError()))));
            health.withDetail(consumer, byPartition);
        });
        return health.build();
    }
}
