package dev.tollgate.ticket.entitlement;

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

    private final JsonMapper json;
    private final AllowanceProjection projection;

    TicketAllowance(JsonMapper json, AllowanceProjection projection) {
        this.json = json;
        this.projection = projection;
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.ENTITLEMENT).on("entitlements.changed.v1",
                envelope -> projection.apply(envelope.dataAs(AllowanceProjection.Granted.class, json)));
    }

    /** {@code monthlyLimit} -1 means unlimited; 0 means the account may not open priority tickets. */
    @GetMapping("/api/tickets/allowance/me")
    AllowanceView mine(CallerIdentity caller) {
        return new AllowanceView(caller.accountId(), projection.monthlyLimit(caller.accountId()), "month");
    }

    record AllowanceView(String accountId, long monthlyLimit, String period) {
    }
}
