package dev.tollgate.gateway.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param secret the endpoint's signing secret, {@code whsec_...} (env {@code STRIPE_WEBHOOK_SECRET})
 * @param tolerance how far the signed timestamp may be from now
 * @param maxPayload larger bodies are refused with 413
 * @param publishTimeout how long to wait for Kafka's acknowledgement before answering 503
 */
@ConfigurationProperties("tollgate.stripe.webhook")
public record StripeWebhookSettings(String secret, Duration tolerance, DataSize maxPayload, Duration publishTimeout) {

    public StripeWebhookSettings {
        tolerance = tolerance == null ? Duration.ofSeconds(300) : tolerance;
        maxPayload = maxPayload == null ? DataSize.ofMegabytes(1) : maxPayload;
        publishTimeout = publishTimeout == null ? Duration.ofSeconds(10) : publishTimeout;
    }
}
