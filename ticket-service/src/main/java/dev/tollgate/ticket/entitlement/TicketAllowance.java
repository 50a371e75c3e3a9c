package dev.tollgate.ticket.entitlement;

import org.springframework.stereotype.Component;

import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/** Keeps each account's priority-ticket allowance (served with its usage by the desk). */
@Component
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
}
