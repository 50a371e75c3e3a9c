package dev.tollgate.platform.data.consumer;

import static dev.tollgate.platform.data.consumer.ThingConsumerApplication.ATTEMPTS;
import static dev.tollgate.platform.data.consumer.ThingConsumerApplication.CONSUMER;
import static dev.tollgate.platform.data.consumer.ThingConsumerApplication.OUTAGE;
import static dev.tollgate.platform.data.consumer.ThingConsumerApplication.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.kafka.DeadLetterPolicy;
import dev.tollgate.platform.kafka.RetryingPartitions;
import dev.tollgate.platform.test.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

@ThingConsumerTest
class EventConsumerFailureTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    HealthIndicator eventConsumersHealthIndicator;

    @Test
    void everyKindOfPoisonIsDeadLetteredAtOnceAndCountedOnceWhileAnUnreadTypeIsSkipped() {
        String handlerPoison = UUID.randomUUID().toString();
        send(0, "p-none", "{\"action\":\"apply\"}", Map.of("some", "header"));
        send(0, "p-body", "{not json", event(UUID.randomUUID().toString(), "test.thing.v1", "p-body"));
        send(0, "p-handler", "{\"action\":\"poison\"}", event(handlerPoison, "test.thing.v1", "p-handler"));
        send(0, "p-version", "{\"action\":\"apply\"}", event(UUID.randomUUID().toString(), "test.thing.v2", "p-version"));
        String unread = UUID.randomUUID().toString();
        send(0, "p-unread", "{\"action\":\"apply\"}", event(unread, "test.other.v1", "p-unread"));
        String marker = UUID.randomUUID().toString();
        send(0, "p-marker", "{\"action\":\"apply\"}", event(marker, "test.thing.v1", "p-marker"));

        List<ConsumerRecord<String, String>> dead = TestKafka.read(Topics.deadLetterOf(TOPIC),
                record -> record.key() != null && record.key().startsWith("p-"), 4, Duration.ofSeconds(30));

        assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("p-none", "p-body", "p-handler", "p-version");
        assertThat(dead).filteredOn(record -> "p-version".equals(record.key())).singleElement()
                .satisfies(record -> assertThat(TestKafka.header(record, "kafka_dlt-exception-message")).contains("test.thing.v2"));
        assertThat(ATTEMPTS.get(handlerPoison)).hasValue(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> appliedCount(marker) == 1);
        assertThat(appliedCount(handlerPoison)).isZero();
        assertThat(appliedCount(unread)).isZero();
        assertThat(ATTEMPTS).doesNotContainKey(unread);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deadLetteredPoison()).isEqualTo(4.0));
        // Everything after the poison on the partition has been handled: nothing was retried into a second dead letter.
        assertThat(TestKafka.read(Topics.deadLetterOf(TOPIC), record -> record.key() != null && record.key().startsWith("p-"),
                5, Duration.ofSeconds(3))).hasSize(4);
        assertThat(deadLetteredPoison()).isEqualTo(4.0);
    }

    @Test
    void aTransientFailureHoldsItsPartitionInOrderShowsInMetricAndHealthAndIsAppliedOnceWhenItPasses() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        String elsewhere = UUID.randomUUID().toString();
        OUTAGE.add(a);
        send(1, "k-held", "{\"action\":\"apply\"}", event(a, "test.thing.v1", "k-held"));
        send(1, "k-held", "{\"action\":\"apply\"}", event(b, "test.thing.v1", "k-held"));
        send(1, "k-held", "{\"action\":\"apply\"}", event(c, "test.thing.v1", "k-held"));
        send(2, "k-free", "{\"action\":\"apply\"}", event(elsewhere, "test.thing.v1", "k-free"));

        await().atMost(Duration.ofSeconds(30)).until(() -> attempts(a) >= 3 && appliedCount(elsewhere) == 1);

        assertThat(appliedCount(a)).isZero();
        assertThat(appliedCount(b)).isZero();
        assertThat(appliedCount(c)).isZero();
        assertThat(meters.get(RetryingPartitions.RETRYING_METRIC).tag("consumer", CONSUMER).gauge().value()).isEqualTo(1.0);
        assertThat(meters.get(RetryingPartitions.TRANSIENT_FAILURES_METRIC).tag("consumer", CONSUMER)
                .tag("reason", "TransientDataAccessResourceException").counter().count()).isGreaterThanOrEqualTo(2.0);
        Health health = eventConsumersHealthIndicator.health();
        assertThat(health.getStatus().getCode()).isEqualTo("RETRYING");
        assertThat(health.getDetails()).containsKey(CONSUMER);
        assertThat(health.getDetails().get(CONSUMER).toString()).contains(TOPIC + "-1", a, "since", "database unavailable");

        OUTAGE.remove(a);

        await().atMost(Duration.ofSeconds(30)).until(() -> appliedCount(c) == 1);
        assertThat(jdbc.sql("SELECT event_id FROM applied_thing WHERE key = 'k-held' ORDER BY seq").query(String.class).list())
                .containsExactly(a, b, c);
        assertThat(deadLetteredKeys()).doesNotContain("k-held");
        assertThat(eventConsumersHealthIndicator.health().getStatus().getCode()).isEqualTo("UP");
        assertThat(meters.get(RetryingPartitions.RETRYING_METRIC).tag("consumer", CONSUMER).gauge().value()).isZero();
    }

    @Test
    void aRecordThatStillFailsTransientlyWhenTheRetryTimeIsUpIsDeadLetteredAndReleasesItsPartition() {
        String stuck = UUID.randomUUID().toString();
        String next = UUID.randomUUID().toString();
        OUTAGE.add(stuck);
        send(3, "x-stuck", "{\"action\":\"apply\"}", event(stuck, "test.thing.v1", "x-stuck"));
        send(3, "x-stuck", "{\"action\":\"apply\"}", event(next, "test.thing.v1", "x-stuck"));

        // The test gives transient failures 10 s of retries.
        List<ConsumerRecord<String, String>> dead = TestKafka.read(Topics.deadLetterOf(TOPIC),
                record -> stuck.equals(TestKafka.header(record, CloudEventHeaders.ID)), 1, Duration.ofSeconds(60));

        assertThat(dead).singleElement().satisfies(record -> assertThat(
                TestKafka.header(record, "kafka_dlt-exception-message")).contains("database unavailable"));
        assertThat(attempts(stuck)).isGreaterThan(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> appliedCount(next) == 1);
        assertThat(appliedCount(stuck)).isZero();
        assertThat(String.valueOf(eventConsumersHealthIndicator.health().getDetails().get(CONSUMER))).doesNotContain(stuck);
        OUTAGE.remove(stuck);
    }

    private Set<String> deadLetteredKeys() {
        return Set.copyOf(TestKafka.read(Topics.deadLetterOf(TOPIC), record -> true, Integer.MAX_VALUE, Duration.ofSeconds(2))
                .stream().map(ConsumerRecord::key).toList());
    }

    private double deadLetteredPoison() {
        // Poison only: a record that failed transiently until its retry time was up is counted too, under its own reason.
        return meters.find(DeadLetterPolicy.DEAD_LETTERED_METRIC).tag("topic", TOPIC).counters().stream()
                .filter(counter -> !"TransientDataAccessResourceException".equals(counter.getId().getTag("reason")))
                .mapToDouble(Counter::count).sum();
    }

    private long appliedCount(String eventId) {
        return jdbc.sql("SELECT count(*) FROM applied_thing WHERE event_id = :id").param("id", eventId).query(Long.class).single();
    }

    private static int attempts(String eventId) {
        AtomicInteger attempts = ATTEMPTS.get(eventId);
        return attempts == null ? 0 : attempts.get();
    }

    private static Map<String, String> event(String id, String type, String subject) {
        return CloudEventHeaders.of(id, "/test", type, Instant.now(), subject);
    }

    private static void send(int partition, String key, String value, Map<String, String> headers) {
        TestKafka.send(TestKafka.bootstrapServers(), ThingConsumerApplication.TOPIC, partition, key, value, headers);
    }
}
