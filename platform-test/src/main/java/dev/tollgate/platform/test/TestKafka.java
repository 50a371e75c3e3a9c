package dev.tollgate.platform.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/** Reads and writes raw records on the JVM's embedded broker, the way another service would. */
public final class TestKafka {

    private TestKafka() {
    }

    public static String bootstrapServers() {
        String brokers = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        if (brokers == null) {
            throw new IllegalStateException("No embedded Kafka broker: add spring.kafka.global.embedded.enabled=true "
                    + "to src/test/resources/junit-platform.properties");
        }
        return brokers;
    }

    /** Sends a record with the given headers and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, String value, Map<String, String> headers) {
        send(bootstrapServers(), topic, null, key, value, headers);
    }

    /**
     * As {@link #send(String, String, String, Map)}, to the broker at {@code bootstrapServers} and,
     * unless {@code partition} is null, to that partition: records of different keys sent to one
     * partition are consumed in the order sent, so one can serve as the marker for another.
     */
    public static void send(String bootstrapServers, String topic, Integer partition, String key, String value,
            Map<String, String> headers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, key, value);
            headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to " + topic, e.getCause());
        }
    }

    /**
     * Reads the topic from the beginning until {@code wanted} records match or {@code timeout} passes,
     * and returns the matching ones (possibly fewer than wanted). A positive wait: it returns as
     * soon as what is expected is there. To show that something was NOT published, use
     * {@link #readUntilMarker}, never a short timeout.
     */
    public static List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> match,
            int wanted, Duration timeout) {
        return read(bootstrapServers(), topic, match, wanted, timeout);
    }

    /** As {@link #read(String, Predicate, int, Duration)}, from the broker at {@code bootstrapServers}. */
    public static List<ConsumerRecord<String, String>> read(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> match, int wanted, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = readerOf(bootstrapServers, topic)) {
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < wanted && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (match.test(record)) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }

    /**
     * Reads the topic from the beginning until a record matching {@code marker} arrives and returns
     * the records matching {@code match} that came before it in the marker's partition. For "nothing
     * (more) was published" checks: cause the marker after whatever must have no effect, on the
     * same key (so the same partition, where Kafka keeps order), then assert on what this returns.
     *
     * @throws AssertionError when no marker arrives within {@code timeout}
     */
    public static List<ConsumerRecord<String, String>> readUntilMarker(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> match, Predicate<ConsumerRecord<String, String>> marker,
            Duration timeout) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        ConsumerRecord<String, String> found = null;
        try (KafkaConsumer<String, String> consumer = readerOf(bootstrapServers, topic)) {
            Instant deadline = Instant.now().plus(timeout);
            while (found == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (found == null && marker.test(record)) {
                        found = record;
                    } else if (found == null) {
                        seen.add(record);
                    }
                }
            }
        }
        if (found == null) {
            throw new AssertionError("no marker record arrived on " + topic + " within " + timeout);
        }
        ConsumerRecord<String, String> markerRecord = found;
        return seen.stream().filter(record -> record.partition() == markerRecord.partition()
                && record.offset() < markerRecord.offset() && match.test(record)).toList();
    }

    /** As {@link #readUntilMarker(String, String, Predicate, Predicate, Duration)} on the JVM's embedded broker. */
    public static List<ConsumerRecord<String, String>> readUntilMarker(String topic,
            Predicate<ConsumerRecord<String, String>> match, Predicate<ConsumerRecord<String, String>> marker,
            Duration timeout) {
        return readUntilMarker(bootstrapServers(), topic, match, marker, timeout);
    }

    /**
     * Everything the topic holds right now that matches, in partition order: reads from the
     * beginning up to the end offsets taken at the call. Use it once the producer is known to be
     * done (for example its outbox holds nothing unacknowledged) to assert on all it published.
     */
    public static List<ConsumerRecord<String, String>> readAll(String topic, Predicate<ConsumerRecord<String, String>> match) {
        return readAll(bootstrapServers(), topic, match);
    }

    /** {@link #readAll(String, Predicate)} on the broker at {@code bootstrapServers} (e.g. a container's). */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> match) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition())) && match.test(record)) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }

    /** A consumer of its own group, reading {@code topic} from the beginning. */
    private static KafkaConsumer<String, String> readerOf(String bootstrapServers, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
