package dev.tollgate.gateway.webhook;

import org.springframework.beans.factory.ObjectProvider;
import dev.tollgate.platform.tracing.TraceParent;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.stripe.model.Event;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.web.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;

/** Hands a verified Stripe event to Kafka and waits for the acknowledgement, so a 200 always means durable. */
@Component
class RawStripeEventPublisher {

    static final String SOURCE = "/tollgate/gateway/stripe";
    static final String TYPE_PREFIX = "stripe.";

    private static final Logger log = LoggerFactory.getLogger(RawStripeEventPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final StripeWebhookSettings settings;
    private final MeterRegistry meters;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    RawStripeEventPublisher(KafkaTemplate<String, String> kafka, StripeWebhookSettings settings, MeterRegistry meters,
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.kafka = kafka;
        this.settings = settings;
        this.meters = meters;
        this.tracer = tracer;
        this.propagator = propagator;
        // Registered at start (0), so the alert on refused deliveries has a series before the first refusal.
        meters.counter("tollgate.stripe.webhooks.unavailable");
    }

    void publish(Event event, String payload) {
        String customer = StripeCustomers.customerOf(event);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.STRIPE_WEBHOOKS, customer, payload);
        CloudEventHeaders.of(event.getId(), SOURCE, TYPE_PREFIX + event.getType(), Instant.ofEpochSecond(event.getCreated()),
                customer).forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        // The webhook request's trace goes on with the record: billing and everything after it continue it.
        String traceparent = TraceParent.current(tracer.getIfAvailable(), propagator.getIfAvailable());
        if (traceparent != null) {
            record.headers().add(TraceParent.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        try {
            kafka.send(record).get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            meters.counter("tollgate.stripe.webhooks.accepted", "type", event.getType()).increment();
        } catch (TimeoutException | ExecutionException | KafkaException e) {
            meters.counter("tollgate.stripe.webhooks.unavailable").increment();
            log.warn("Kafka did not acknowledge Stripe event {} within {}; answering 503 so Stripe retries", event.getId(),
                    settings.publishTimeout(), e);
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
                    "The event could not be stored durably; Stripe will retry it.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable", "The server is shutting down.");
        }
    }
}
