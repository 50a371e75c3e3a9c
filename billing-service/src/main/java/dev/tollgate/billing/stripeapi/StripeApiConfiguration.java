package dev.tollgate.billing.stripeapi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.stripe.StripeClient;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class StripeApiConfiguration {

    /**
     * An instance client, not the static {@code Stripe.apiKey}, so the key and base URL are per
     * bean (tests and the local run point the base at WireMock). stripe-java's own network retries
     * are off: Resilience4j is the one retry policy, so attempts are counted and bounded in one place.
     */
    @Bean
    StripeClient stripeClient(StripeApiSettings settings) {
        return StripeClient.builder().setApiKey(settings.apiKey()).setApiBase(settings.apiBase()).setMaxNetworkRetries(0)
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis())).build();
    }

    /** One breaker for all of Stripe's API: when Stripe is down, every operation is. */
    @Bean
    CircuitBreaker stripeCircuitBreaker(StripeApiSettings settings, MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.openFor())
                // A 4xx is Stripe answering, not Stripe failing: it must not open the breaker.
                .recordException(StripeFailures::isRetryable)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry.circuitBreaker("stripe");
    }

    @Bean
    RetryRegistry stripeRetries(StripeApiSettings settings, MeterRegistry meters) {
        RetryRegistry registry = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.retryWait(), 2))
                .retryOnException(StripeFailures::isRetryable)
                .build());
        TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
        return registry;
    }
}
