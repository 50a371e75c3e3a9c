package dev.tollgate.billing.stripe;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** The table of Stripe events waiting for their customer to be linked to an account. */
@Component
class ParkedEvents {

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ParkedEvents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Written in the transaction of the event's delivery. */
    void park(StripeEvent event) {
        log.info("Parking Stripe event {} ({}): customer {} is not linked to an account yet", event.id(), event.type(),
                event.customerId());
        jdbc.sql("""
                INSERT INTO parked_stripe_event (event_id, customer_id, event_type, created, payload)
                VALUES (:id, :customer, :type, :created, :payload) ON CONFLICT (event_id) DO NOTHING""")
                .param("id", event.id())
                .param("customer", event.customerId() == null ? "" : event.customerId())
                .param("type", event.type())
                .param("created", Timestamp.from(event.created()))
                .param("payload", json.writeValueAsString(event.object()))
                .update();
    }

    /** The customer's parked events, oldest first, read without a lock. */
    List<StripeEvent> of(String customerId) {
        return jdbc.sql("""
                SELECT event_id, event_type, created, payload FROM parked_stripe_event
                 WHERE customer_id = :customer ORDER BY created, event_id""")
                .param("customer", customerId)
                .query((rs, n) -> new StripeEvent(rs.getString("event_id"), rs.getString("event_type"),
                        rs.getTimestamp("created").toInstant(), json.readTree(rs.getString("payload"))))
                .list();
    }

    /** Customers with parked events that are linked by now (a drain after the link was missed, e.g. by a crash). */
    List<String> linkedCustomers() {
        return jdbc.sql("""
                SELECT DISTINCT p.customer_id FROM parked_stripe_event p
                  JOIN stripe_customer c ON c.customer_id = p.customer_id""")
                .query(String.class)
                .list();
    }

    /** Events parked longer than {@code maxAge} ago (by the database's clock, which stamped them), oldest first. */
    List<StripeEvent> parkedLongerThan(Duration maxAge, int limit) {
        return jdbc.sql("""
                SELECT event_id, event_type, created, payload FROM parked_stripe_event
                 WHERE parked_at < now() - make_interval(secs => :seconds) ORDER BY parked_at LIMIT :limit""")
                .param("seconds", maxAge.toMillis() / 1000.0)
                .param("limit", limit)
                .query((rs, n) -> new StripeEvent(rs.getString("event_id"), rs.getString("event_type"),
                        rs.getTimestamp("created").toInstant(), json.readTree(rs.getString("payload"))))
                .list();
    }

    /**
     * Locks the parked row for the caller's transaction; false when it is gone or another replica holds
     * it, so each parked event leaves exactly one way.
     */
    boolean claim(String eventId) {
        return jdbc.sql("SELECT 1 FROM parked_stripe_event WHERE event_id = :id FOR UPDATE SKIP LOCKED")
                .param("id", eventId)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    void remove(String eventId) {
        jdbc.sql("DELETE FROM parked_stripe_event WHERE event_id = :id").param("id", eventId).update();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM parked_stripe_event").query(Long.class).single();
    }

    /** Seconds since the oldest event was parked; 0 when none is. */
    double oldestAgeSeconds() {
        return jdbc.sql("SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(parked_at)), 0) FROM parked_stripe_event")
                .query(Double.class)
                .single();
    }
}
