package dev.tollgate.billing.stripe;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.kafka.DeadLetterPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a parked event that can never be applied to {@code tollgate.stripe.webhooks.dlt}, in the
 * shape the gateway wrote it (Stripe's event JSON, CloudEvents headers) plus Spring Kafka's
 * dead-letter headers, the reason in {@code kafka_dlt-exception-message}; counted in the platform's
 * dead-letter metric once the broker accepted it. Its {@code ce_id} is the Stripe event id plus
 * {@value #REPLAY_SUFFIX}: the inbox already recorded the first delivery (when the event was
 * parked), so a replay under the same id would be dropped as a duplicate.
 */
@Component
class ParkedEventDeadLetters {

    static final String REPLAY_SUFFIX = ".parked";
    static final String SOURCE = "/tollgate/billing-service/parked";

    private static final Logger log = LoggerFactory.getLogger(ParkedEventDeadLetters.class);

    private final KafkaTemplate<String, String> kafka;
    private final MeterRegistry meters;
    private final JsonMapper json;

    ParkedEventDeadLetters(KafkaTemplate<String, String> kafka, MeterRegistry meters, JsonMapper json) {
        this.kafka = kafka;
        this.meters = meters;
        this.json = json;
    }

    /** Returns once the broker acknowledged the dead letter; throws when it did not. */
    void send(StripeEvent event, RuntimeException reason) {
        String topic = Topics.deadLetterOf(Topics.STRIPE_WEBHOOKS);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.customerId(), event.toJson(json));
        CloudEventHeaders.of(event.id() + REPLAY_SUFFIX, SOURCE, "stripe." + event.type(), event.created(), event.customerId())
                .forEach((name, value) -> record.headers().add(name, bytes(value)));
        record.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(Topics.STRIPE_WEBHOOKS));
        record.headers().add(KafkaHeaders.DLT_EXCEPTION_FQCN, bytes(reason.getClass().getName()));
        record.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, bytes(reason.getMessage()));
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering parked event " + event.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not accept the dead letter of parked event " + event.id(), e);
        }
        DeadLetterPolicy.countDeadLetter(meters, Topics.STRIPE_WEBHOOKS, reason);
        log.warn("Dead-lettered parked Stripe event {} to {}: {}", event.id(), topic, reason.getMessage());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
