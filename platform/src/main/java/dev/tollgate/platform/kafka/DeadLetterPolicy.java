package dev.tollgate.platform.kafka;

import java.time.Clock;
import java.time.Duration;

import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The consumer side's failure policy, one for every service, built on Spring Kafka's
 * {@link DefaultErrorHandler} and {@link DeadLetterPublishingRecoverer}:
 * <ul>
 * <li><b>Poison</b> ({@link MalformedEventException} and its subclasses anywhere in the cause
 * chain: not a CloudEvent, unreadable body, unknown version, unknown price...) is published to
 * {@code <topic>.dlt} at once. It is counted in {@code tollgate.events.dead.lettered} only after
 * the dead-letter topic acknowledged it; if that send fails, the recoverer throws, the offset is
 * not committed and the record is tried again.</li>
 * <li><b>Anything else is transient</b> (database, SMTP, Stripe I/O): retried with exponential
 * back-off (1 s doubling to 5 min by default) for {@code tollgate.kafka.consumer.transient-retry-for}
 * (6 h by default), holding the record's partition ({@link PartitionHoldingBackOff}) so order per
 * key is kept, then dead-lettered.</li>
 * </ul>
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(ConsumerSettings.class)
public class DeadLetterPolicy {

    public static final String DEAD_LETTERED_METRIC = "tollgate.events.dead.lettered";

    /** How long one shutdown step may wait for Kafka; keeps a service's stop bounded when the broker is gone. */
    static final Duration KAFKA_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    RetryingPartitions retryingPartitions(MeterRegistry meters) {
        return new RetryingPartitions(meters, Clock.systemUTC());
    }

    @Bean
    EventConsumersHealthIndicator eventConsumersHealthIndicator(RetryingPartitions retrying) {
        return new EventConsumersHealthIndicator(retrying);
    }

    @Bean
    PauseScheduler kafkaPauseScheduler() {
        return new PauseScheduler();
    }

    @Bean
    CommonErrorHandler deadLetteringErrorHandler(KafkaOperations<?, ?> template, MeterRegistry meters,
            ConsumerSettings settings, RetryingPartitions retrying, ObjectProvider<ListenerContainerRegistry> registry,
            PauseScheduler scheduler) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
        publisher.setFailIfSendResultIsError(true);
        ExponentialBackOff backOff = new ExponentialBackOff(settings.initialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        backOff.setMaxElapsedTime(settings.transientRetryFor().toMillis());
        PartitionHoldingBackOff holding = new PartitionHoldingBackOff(
                new ListenerContainerPauseService(registry.getIfAvailable(), scheduler.scheduler), retrying);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            // Throws when the dead-letter topic did not acknowledge: then nothing is counted or committed.
            publisher.accept(record, failure);
            countDeadLetter(meters, record.topic(), rootCause(failure));
        }, backOff, holding);
        handler.setRetryListeners(holding);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    /**
     * Counts one record of {@code topic} that its dead-letter topic acknowledged; the one counter of
     * dead letters, also for those a service publishes itself (billing's aged-out parked events).
     */
    public static void countDeadLetter(MeterRegistry meters, String topic, Throwable reason) {
        Counter.builder(DEAD_LETTERED_METRIC)
                .description("Records published to a dead-letter topic and acknowledged by it")
                .tag("topic", topic)
                .tag("reason", reason.getClass().getSimpleName())
                .register(meters)
                .increment();
    }

    /**
     * Bounds how long a listener container waits for its consumer thread on stop and has it stop
     * after the record in hand rather than the whole batch, so SIGTERM is honoured promptly; a
     * record cut off mid-way rolls back its inbox transaction and is redelivered.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> boundedShutdownContainers() {
        return container -> {
            container.getContainerProperties().setShutdownTimeout(KAFKA_CLOSE_TIMEOUT.toMillis());
            container.getContainerProperties().setStopImmediate(true);
        };
    }

    /** Closing a producer flushes what it holds; with the broker gone that must not take the default 30 s. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer boundedProducerClose() {
        return factory -> factory.setPhysicalCloseTimeout((int) KAFKA_CLOSE_TIMEOUT.toSeconds());
    }

    static boolean isPoison(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MalformedEventException) {
                return true;
            }
        }
        return false;
    }

    static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The timer that resumes held partitions; a private one so no application scheduler is replaced. */
    static class PauseScheduler implements DisposableBean {

        final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

        PauseScheduler() {
            scheduler.setThreadNamePrefix("kafka-resume-");
            scheduler.setDaemon(true);
            scheduler.initialize();
        }

        @Override
        public void destroy() {
            scheduler.shutdown();
        }
    }
}
