package dev.tollgate.ticket.sla;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Business metrics of the last 30 days, read from the database at each scrape so every replica
 * reports the same numbers: {@code tollgate_tickets_first_response_median_seconds} (median time to
 * an agent's first reply) and {@code tollgate_tickets_sla_breach_ratio} (of the tickets whose
 * target fell in the window, the share answered late or not at all).
 */
@Component
class ResponseMetrics {

    static final Duration WINDOW = Duration.ofDays(30);
    private static final Logger log = LoggerFactory.getLogger(ResponseMetrics.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    ResponseMetrics(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        gauge(meters, "tollgate.tickets.first.response.median", "seconds",
                "Median time from a ticket's creation to an agent's first reply, tickets of the last 30 days",
                ResponseMetrics::medianFirstResponseSeconds);
        gauge(meters, "tollgate.tickets.sla.breach", "ratio",
                "Share of tickets whose first-response target fell in the last 30 days that missed it",
                ResponseMetrics::breachRatio);
    }

    double medianFirstResponseSeconds() {
        Instant now = clock.instant();
        Double median = jdbc.sql("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM first_response_at - created_at))
                FROM ticket WHERE first_response_at IS NOT NULL AND created_at > :since""")
                .param("since", Timestamp.from(now.minus(WINDOW))).query(Double.class).single();
        return median == null ? Double.NaN : median;
    }

    double breachRatio() {
        Instant now = clock.instant();
        return jdbc.sql("""
                SELECT CASE WHEN count(*) = 0 THEN 0 ELSE
                    count(*) FILTER (WHERE sla_breach_published_at IS NOT NULL OR first_response_at > response_due_at)::float8
                    / count(*) END
                FROM ticket WHERE response_due_at > :since AND response_due_at <= :now""")
                .param("since", Timestamp.from(now.minus(WINDOW))).param("now", Timestamp.from(now))
                .query(Double.class).single();
    }

    private void gauge(MeterRegistry meters, String name, String unit, String description, ToDoubleFunction<ResponseMetrics> value) {
        Gauge.builder(name, this, metrics -> {
            try {
                return value.applyAsDouble(metrics);
            } catch (RuntimeException e) {
                log.debug("Could not read {} from the database", name, e);
                return Double.NaN;
            }
        }).baseUnit(unit).description(description).register(meters);
    }
}
