package dev.tollgate.gateway.identity;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The identity provider's keys behind a Resilience4j circuit breaker. Nimbus' JWK source already
 * caches the keys and retries one failed fetch; what it cannot do is stop asking a provider that is
 * down, so while the breaker is open a key lookup fails at once instead of waiting for the HTTP
 * timeout on every request, and the caller gets a 503 (our outage, not their token) quickly.
 * Resilience4j because the platform uses it for every outbound call (Stripe, SMTP), with the same
 * metrics.
 */
class GuardedJwkSource implements JWKSource<SecurityContext> {

    private final JWKSource<SecurityContext> keys;
    private final CircuitBreaker breaker;

    private GuardedJwkSource(JWKSource<SecurityContext> keys, CircuitBreaker breaker) {
        this.keys = keys;
        this.breaker = breaker;
    }

    /**
     * {@code keys} behind the breaker {@code jwks}, whose state and calls show as
     * {@code resilience4j_circuitbreaker_*{name="jwks"}}: it opens when half of the last 10 lookups
     * (at least 4) failed, then lets one probe through every 10 s.
     */
    static GuardedJwkSource guarding(JWKSource<SecurityContext> keys, MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(4).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10)).permittedNumberOfCallsInHalfOpenState(1).build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return new GuardedJwkSource(keys, registry.circuitBreaker("jwks"));
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        try {
            return breaker.executeCallable(() -> keys.get(selector, context));
        } catch (CallNotPermittedException e) {
            throw new KeySourceException("the identity provider's keys are unavailable (circuit open)", e);
        } catch (KeySourceException e) {
            throw e;
        } catch (Exception e) {
            throw new KeySourceException("the identity provider's keys could not be read: " + e.getMessage(), e);
        }
    }
}
