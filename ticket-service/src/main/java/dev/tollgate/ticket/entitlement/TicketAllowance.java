package dev.tollgate.ticket.entitlement;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import tools.jackson.databind.json.JsonMapper;

/** Keeps and serves each account's priority-ticket allowance. */
@RestController
class TicketAllowance {

    static final String CONSUMER = "ticket-service.entitlement-events";

    private final Inbox inbox;
    private final JsonMapper json;
    private final AllowanceProjection projection;

    TicketAllowance(Inbox inbox, JsonMapper json, AllowanceProjection projection) {
        this.inbox = inbox;
        this.json = json;
        this.projection = projection;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ENTITLEMENT)
    void onRecord(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, envelope -> {
            if ("entitlements.changed.v1".equals(envelope.type())) {
                projection.apply(envelope.dataAs(AllowanceProjection.Granted.class, json));
            }
        });
    }

    /** {@code monthlyLimit} -1 means unlimited; 0 means the account may not open priority tickets. */
    @GetMapping("/api/tickets/allowance/me")
    AllowanceView mine(CallerIdentity caller) {
        return new AllowanceView(caller.accountId(), projection.monthlyLimit(caller.accountId()), "month");
    }

    record AllowanceView(String accountId, long monthlyLimit, String period) {
    }
}
