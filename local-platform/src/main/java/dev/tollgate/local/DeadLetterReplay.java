package dev.tollgate.local;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;

/**
 * {@code ./tollgate replay-dlt <topic> [--event-id ID] [--dry-run] [--bootstrap-servers HOST:PORT]}:
 * copies the records of {@code <topic>.dlt} back to {@code <topic>} with their original key, body
 * and headers (the {@code ce_*} attributes), leaving out the {@code kafka_dlt-*} headers the
 * dead-lettering added. Keys are kept, so a record returns to its key's partition. Running it
 * twice is harmless: each consumer's inbox ignores an event id it has already applied.
 * Plain Kafka clients, no Spring: it is a one-shot operator command.
 */
public final class DeadLetterReplay {

    static final String DLT_HEADER_PREFIX = "kafka_dlt-";
    private static final Duration POLL = Duration.ofMillis(500);

    private DeadLetterReplay() {
    }

    /** The command line behind {@code replay-dlt}, reached through {@link LocalPlatform}'s main (one main per jar). */
    static void run(String[] args) {
        String topic = null;
        String eventId = null;
        boolean dryRun = false;
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--event-id" -> eventId = args[++i];
                case "--dry-run" -> dryRun = true;
                case "--bootstrap-servers" -> bootstrap = args[++i];
                default -> topic = args[i];
            }
        }
        if (topic == null || topic.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
            System.err.println("usage: replay-dlt <topic> [--event-id ID] [--dry-run] [--bootstrap-servers HOST:PORT]"
                    + " (the topic the records came from, not its .dlt)");
            System.exit(2);
        }
        int replayed = replay(bootstrap, topic, eventId, dryRun, System.out);
        System.out.println((dryRun ? "Would replay " : "Replayed ") + replayed + " record(s) from "
                + Topics.deadLetterOf(topic) + " to " + topic);
    }

    /** Replays what {@code <topic>.dlt} holds now (optionally one event id); returns how many records. */
    public static int replay(String bootstrapServers, String topic, String eventId, boolean dryRun, PrintStream out) {
        String deadLetters = Topics.deadLetterOf(topic);
        int count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetters).stream()
                    .map(info -> new TopicPartition(deadLetters, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    String id = header(record, CloudEventHeaders.ID);
                    if (eventId != null && !eventId.equals(id)) {
                        continue;
                    }
                    out.printf("%s %s (%s) key=%s from %s-%d@%d%n", dryRun ? "would replay" : "replaying", id,
                            header(record, CloudEventHeaders.TYPE), record.key() == null ? null
                                    : new String(record.key(), StandardCharsets.UTF_8),
                            record.topic(), record.partition(), record.offset());
                    if (!dryRun) {
                        producer.send(copy(record, topic)).get();
                    }
                    count++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted after " + count + " record(s)", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a replayed record after " + count + " record(s)", e.getCause());
        }
        return count;
    }

    static ProducerRecord<byte[], byte[]> copy(ConsumerRecord<byte[], byte[]> deadLetter, String topic) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, deadLetter.key(), deadLetter.value());
        for (Header header : deadLetter.headers()) {
            if (!header.key().startsWith(DLT_HEADER_PREFIX)) {
                record.headers().add(header.key(), header.value());
            }
        }
        return record;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Properties consumerConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return config;
    }

    private static Properties producerConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        return config;
    }
}
