package dev.tollgate.billing.stripe;

import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Stripe events waiting for their customer to be linked to an account; written in the router's transaction. */
@Component
class ParkedEvents {

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ParkedEvents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

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

    /** Removes and returns the customer's parked events, oldest first. */
    List<StripeEvent> takeFor(String customerId) {
        List<StripeEvent> events = jdbc.sql("""
                DELETE FROM parked_stripe_event WHERE customer_id = :customer
                RETURNING event_id, event_type, created, payload""")
                .param("customer", customerId)
                .query((rs, n) -> new StripeEvent(rs.getString("event_id"), rs.getString("event_type"),
                        rs.getTimestamp("created").toInstant(), json.readTree(rs.getString("payload"))))
                .list();
        return events.stream().sorted(Comparator.comparing(StripeEvent::created)).toList();
    }

}
