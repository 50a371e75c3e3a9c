package dev.tollgate.notification.mail;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The SMTP circuit breaker. Resilience4j (the library the design names; its plain
 * {@code resilience4j-circuitbreaker} and {@code resilience4j-micrometer} modules, version 2.3.0
 * as managed by Spring Cloud's BOM) is wired by hand here because its Spring Boot starter targets
 * Boot 3's auto-configuration, not Boot 4. Its state and calls are published as
 * {@code resilience4j_circuitbreaker_*} metrics with {@code name="smtp"}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MailConfiguration {

    @Bean
    CircuitBreaker smtpCircuitBreaker(DeliverySettings settings, MeterRegistry meters) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(MailException.class)
                .build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry.circuitBreaker("smtp");
    }
}
