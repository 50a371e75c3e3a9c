package dev.tollgate.platform.kafka;

import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.util.backoff.FixedBackOff;

import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(KafkaSettings.class)
public class KafkaPlatformConfiguration {

    public static final String DEAD_LETTERED_METRIC = "tollgate.events.dead.lettered";

    /**
     * Headers travel as plain UTF-8 strings. Spring's default JSON header mapper would add a
     * {@code spring_json_header_types} header naming Java classes, which other stacks cannot read.
     */
    @Bean
    RecordMessageConverter plainHeaderMessageConverter() {
        MessagingMessageConverter converter = new MessagingMessageConverter();
        converter.setHeaderMapper(new SimpleKafkaHeaderMapper());
        return converter;
    }

    @Bean
    CommonErrorHandler deadLetteringErrorHandler(KafkaOperations<?, ?> template, MeterRegistry meters,
            KafkaSettings settings) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            Counter.builder(DEAD_LETTERED_METRIC)
                    .description("Records that failed processing and were published to a dead-letter topic")
                    .tag("topic", record.topic())
                    .tag("reason", rootCause(failure).getClass().getSimpleName())
                    .register(meters)
                    .increment();
            publisher.accept(record, failure);
        }, new FixedBackOff(settings.retryInterval().toMillis(), settings.retryAttempts()));
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
