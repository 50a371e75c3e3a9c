package dev.tollgate.benchmark;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ceiling webhook ingest is measured against: records of a webhook's size sent straight to the
 * same broker with the gateway's producer guarantees ({@code acks=all}, idempotent), to a topic of
 * the benchmark's own that no service reads.
 */
final class RawProducer {

    static final String TOPIC = "tollgate.benchmark.raw";

    private RawProducer() {
    }

    /** Records a second, from the first send until the broker acknowledged the last of {@code count}. */
    static double recordsPerSecond(String bootstrap, int count, int size) throws InterruptedException {
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        String value = "x".repeat(size);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
            producer.send(new ProducerRecord<>(TOPIC, "warm-up", value)).get();
            CountDownLatch acknowledged = new CountDownLatch(count);
            AtomicLong failed = new AtomicLong();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "cus_" + (i % 100), value), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                    acknowledged.countDown();
                });
            }
            acknowledged.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " raw records were not acknowledged");
            }
            return count / seconds;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the broker at " + bootstrap + " refused the warm-up record", e);
        }
    }
}
