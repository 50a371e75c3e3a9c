package dev.tollgate.subscription.tickets;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Keeps {@code ticket_created} and {@code ticket_limit}, and answers how many tickets an account used in a period. */
@Component
public class TicketUsage {

    static final String TICKETS = "subscription-service.ticket-events";
    static final String ENTITLEMENTS = "subscription-service.entitlement-events";
    static final String FEATURE = "priority_support_tickets";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TicketUsage(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Tickets used since {@code periodStart} and the limit granted (null: no grant known, -1: unlimited). */
    public record Usage(long used, Long limit) {
    }

    public Usage of(String accountId, Instant periodStart) {
        long used = periodStart == null ? 0 : jdbc.sql("""
                SELECT count(*) FROM ticket_created WHERE account_id = :account AND created_at >= :start""")
                .param("account", accountId).param("start", Timestamp.from(periodStart)).query(Long.class).single();
        Optional<Long> limit = jdbc.sql("SELECT ticket_limit FROM ticket_limit WHERE account_id = :account")
                .param("account", accountId).query((rs, n) -> rs.getObject(1, Long.class)).optional();
        return new Usage(used, limit.orElse(null));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TicketCreated(String accountId, Instant occurredAt, String ticketNumber) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EntitlementsChanged(String accountId, Long version, Map<String, JsonNode> features) {
    }

    @Component
    static class TicketEvents implements EventConsumer {

        private final TicketUsage usage;

        TicketEvents(TicketUsage usage) {
            this.usage = usage;
        }

        @Override
        public EventSubscription subscription() {
            return EventSubscription.named(TICKETS).from(Topics.TICKET).on("ticket.created.v1",
                    envelope -> usage.created(envelope.dataAs(TicketCreated.class, usage.json)));
        }
    }

    @Component
    static class EntitlementEvents implements EventConsumer {

        private final TicketUsage usage;

        EntitlementEvents(TicketUsage usage) {
            this.usage = usage;
        }

        @Override
        public EventSubscription subscription() {
            return EventSubscription.named(ENTITLEMENTS).from(Topics.ENTITLEMENT).on("entitlements.changed.v1",
                    envelope -> usage.granted(envelope.dataAs(EntitlementsChanged.class, usage.json)));
        }
    }

    void created(TicketCreated ticket) {
        if (ticket.accountId() == null || ticket.ticketNumber() == null || ticket.occurredAt() == null) {
            throw new MalformedEventException("ticket.created.v1 without accountId, ticketNumber or occurredAt");
        }
        jdbc.sql("""
                INSERT INTO ticket_created (ticket_number, account_id, created_at) VALUES (:number, :account, :at)
                ON CONFLICT (ticket_number) DO NOTHING""")
                .param("number", ticket.ticketNumber()).param("account", ticket.accountId())
                .param("at", Timestamp.from(ticket.occurredAt())).update();
    }

    void granted(EntitlementsChanged grant) {
        if (grant.accountId() == null || grant.version() == null) {
            throw new MalformedEventException("entitlements.changed.v1 without accountId or version");
        }
        JsonNode feature = grant.features() == null ? null : grant.features().get(FEATURE);
        Long limit = feature == null || !feature.has("limit") ? 0L : feature.path("limit").asLong();
        // The highest version wins, whatever the arrival order.
        jdbc.sql("""
                INSERT INTO ticket_limit (account_id, version, ticket_limit) VALUES (:account, :version, :limit)
                ON CONFLICT (account_id) DO UPDATE SET version = EXCLUDED.version, ticket_limit = EXCLUDED.ticket_limit
                WHERE ticket_limit.version < EXCLUDED.version""")
                .param("account", grant.accountId()).param("version", grant.version()).param("limit", limit).update();
    }
}
