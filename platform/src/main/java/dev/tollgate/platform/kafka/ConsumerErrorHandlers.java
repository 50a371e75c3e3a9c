package dev.tollgate.platform.kafka;

import java.time.Duration;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds the {@link DeadLetterPolicy} for one consumer binding: its dead-letter topic and its
 * back-off come from the binding, the rest (poison or transient, holding the partition, how long a
 * transient failure is retried, the metrics) is the same for every consumer.
 */
public class ConsumerErrorHandlers {

    private final KafkaOperations<?, ?> template;
    private final MeterRegistry meters;
    private final ConsumerSettings settings;
    private final RetryingPartitions retrying;
    private final ListenerContainerPauseService pauses;

    ConsumerErrorHandlers(KafkaOperations<?, ?> template, MeterRegistry meters, ConsumerSettings settings, RetryingPartitions retrying,
            ListenerContainerPauseService pauses) {
        this.template = template;
        this.meters = meters;
        this.settings = settings;
        this.retrying = retrying;
        this.pauses = pauses;
    }

    /**
     * @param deadLetterTopic where poison and records out of retries go; null for {@code <the record's topic>.dlt}
     * @param initialBackoff the first pause after a transient failure
     * @param multiplier how each pause grows
     * @param maxBackoff the cap of the pauses
     */
    public CommonErrorHandler forBinding(String deadLetterTopic, Duration initialBackoff, double multiplier, Duration maxBackoff) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(deadLetterTopic != null ? deadLetterTopic : Topics.deadLetterOf(record.topic()), -1));
        publisher.setFailIfSendResultIsError(true);
        // A binding wraps the handler's exception in messaging exceptions: the cause header and the message name what the handler threw.
        publisher.setExceptionHeadersCreator((headers, failure, isKey, names) -> {
            Throwable reason = reason(failure);
            headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(failure.getClass().getName()));
            headers.add(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, utf8(reason.getClass().getName()));
            headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(reason.getMessage())));
        });
        ExponentialBackOff backOff = new ExponentialBackOff(initialBackoff.toMillis(), multiplier);
        backOff.setMaxInterval(maxBackoff.toMillis());
        backOff.setMaxElapsedTime(settings.transientRetryFor().toMillis());
        PartitionHoldingBackOff holding = new PartitionHoldingBackOff(pauses, retrying);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            // Throws when the dead-letter topic did not acknowledge: then nothing is counted or committed.
            publisher.accept(record, failure);
            DeadLetterPolicy.countDeadLetter(meters, record.topic(), DeadLetterPolicy.rootCause(failure));
        }, backOff, holding);
        handler.setRetryListeners(holding);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    /** The first exception in the chain that is not a wrapper of the listener or messaging layers. */
    static Throwable reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && isWrapper(cause)) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isWrapper(Throwable failure) {
        String name = failure.getClass().getName();
        return name.startsWith("org.springframework.kafka.") || name.startsWith("org.springframework.messaging.")
                || name.startsWith("org.springframework.integration.") || name.startsWith("org.springframework.cloud.");
    }

    private static byte[] utf8(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
