package dev.tollgate.ticket.entitlement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import tools.jackson.databind.json.JsonMapper;

/** Keeps and serves each account's priority-ticket allowance. */
@RestController
class TicketAllowance implements EventConsumer {

    static final String CONSUMER = "ticket-service.entitlement-events";
    static final String FEATURE = "priority_support_tickets";

    private final JsonMapper json;
    private final JdbcClient jdbc;

    TicketAllowance(JsonMapper json, JdbcClient jdbc) {
        this.json = json;
        this.jdbc = jdbc;
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.ENTITLEMENT).on("entitlements.changed.v1", envelope -> {
                Granted granted = envelope.dataAs(Granted.class, json);
                Limit limit = granted.features() == null ? null : granted.features().get(FEATURE);
                // Only a newer grant replaces the held one, whatever order redeliveries come in.
                jdbc.sql("""
                        INSERT INTO ticket_allowance (account_id, monthly_limit, as_of) VALUES (:account, :limit, :asOf)
                        ON CONFLICT (account_id) DO UPDATE SET monthly_limit = EXCLUDED.monthly_limit, as_of = EXCLUDED.as_of
                        WHERE ticket_allowance.as_of <= EXCLUDED.as_of""")
                        .param("account", granted.accountId())
                        .param("limit", limit == null || limit.limit() == null ? 0L : limit.limit())
                        .param("asOf", Timestamp.from(granted.occurredAt()))
                        .update();
        });
    }

    /** {@code monthlyLimit} -1 means unlimited; 0 means the account may not open priority tickets. */
    @GetMapping("/api/tickets/allowance/me")
    AllowanceView mine(CallerIdentity caller) {
        long limit = jdbc.sql("SELECT monthly_limit FROM ticket_allowance WHERE account_id = :account")
                .param("account", caller.accountId()).query(Long.class).optional().orElse(0L);
        return new AllowanceView(caller.accountId(), limit, "month");
    }

    record AllowanceView(String accountId, long monthlyLimit, String period) {
    }

    record Granted(String accountId, Instant occurredAt, Map<String, Limit> features) {
    }

    record Limit(Long limit) {
    }
}
