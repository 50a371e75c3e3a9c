package dev.tollgate.platform.kafka;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.tollgate.platform.events.MalformedEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The consumer side's failure policy, one for every service; {@link ConsumerErrorHandlers} builds it
 * per binding on Spring Kafka's {@code DefaultErrorHandler} and {@code DeadLetterPublishingRecoverer}:
 * <ul>
 * <li><b>Poison</b> ({@link MalformedEventException} and its subclasses anywhere in the cause
 * chain: not a CloudEvent, unreadable body, unknown version, unknown price...) is published to
 * the binding's dead-letter topic ({@code <topic>.dlt} unless the binding names another) at once. It is counted in {@code tollgate.events.dead.lettered} only after
 * the dead-letter topic acknowledged it; if that send fails, the recoverer throws, the offset is
 * not committed and the record is tried again.</li>
 * <li><b>Anything else is transient</b> (database, SMTP, Stripe I/O): retried with the binding's
 * exponential back-off (1 s doubling to 5 min by default) for {@code tollgate.kafka.consumer.transient-retry-for}
 * (6 h by default), holding the record's partition ({@link PartitionHoldingBackOff}) so order per
 * key is kept, then dead-lettered.</li>
 * </ul>
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(ConsumerSettings.class)
public class DeadLetterPolicy {

    public static final String DEAD_LETTERED_METRIC = "tollgate.events.dead.lettered";

    /** How long one shutdown step may wait for Kafka; keeps a service's stop bounded when the broker is gone. */
    public static final Duration KAFKA_CLOSE_TIMEOUT = Duration.ofSeconds(5);

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
    ConsumerErrorHandlers consumerErrorHandlers(KafkaOperations<?, ?> template, MeterRegistry meters, ConsumerSettings settings,
            RetryingPartitions retrying, ObjectProvider<ListenerContainerRegistry> registry, PauseScheduler scheduler) {
        return new ConsumerErrorHandlers(template, meters, settings, retrying,
                new ListenerContainerPauseService(registry.getIfAvailable(), scheduler.scheduler));
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
