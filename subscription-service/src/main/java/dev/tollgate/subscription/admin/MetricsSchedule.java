package dev.tollgate.subscription.admin;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/** Refreshes the business metrics' gauges every minute on every replica (a read; no lock needed). */
@Configuration
class MetricsSchedule {

    private static final Logger log = LoggerFactory.getLogger(MetricsSchedule.class);

    @Bean
    SchedulingConfigurer businessMetricsSchedule(BusinessMetrics metrics) {
        return registrar -> registrar.addFixedDelayTask(() -> {
            try {
                metrics.refresh();
            } catch (RuntimeException e) {
                log.warn("Refreshing the business metrics failed; trying again in a minute", e);
            }
        }, Duration.ofMinutes(1));
    }
}
