package dev.tollgate.billing.stripeapi;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How billing-service calls Stripe's API.
 *
 * @param apiKey secret key ({@code STRIPE_API_KEY})
 * @param apiBase API base URL ({@code STRIPE_API_BASE}); tests and the local run point it at a stand-in
 * @param connectTimeout TCP connect timeout of one attempt ({@code STRIPE_CONNECT_TIMEOUT})
 * @param readTimeout read timeout of one attempt ({@code STRIPE_READ_TIMEOUT})
 * @param maxAttempts attempts per call, the first included, for retryable failures only ({@code STRIPE_MAX_ATTEMPTS})
 * @param retryWait pause before the first retry; it doubles with each further one ({@code STRIPE_RETRY_WAIT})
 * @param openFor how long the circuit breaker stays open (calls fail at once) after Stripe kept failing
 *        ({@code STRIPE_BREAKER_OPEN_FOR})
 */
@ConfigurationProperties("tollgate.stripe")
public record StripeApiSettings(String apiKey, String apiBase, Duration connectTimeout, Duration readTimeout,
        Integer maxAttempts, Duration retryWait, Duration openFor) {

    public StripeApiSettings {
        apiBase = apiBase == null ? "https://api.stripe.com" : apiBase;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        retryWait = retryWait == null ? Duration.ofMillis(500) : retryWait;
        openFor = openFor == null ? Duration.ofSeconds(30) : openFor;
    }
}
