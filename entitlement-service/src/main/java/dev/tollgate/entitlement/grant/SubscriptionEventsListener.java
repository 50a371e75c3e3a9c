package dev.tollgate.entitlement.grant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/** Recomputes an account's entitlements on every subscription lifecycle event. */
@Component
class SubscriptionEventsListener {

    static final String CONSUMER = "entitlement-service.subscription-events";

    private final Inbox inbox;
    private final JsonMapper json;
    private final GrantUpdater updater;

    SubscriptionEventsListener(Inbox inbox, JsonMapper json, GrantUpdater updater) {
        this.inbox = inbox;
        this.json = json;
        this.updater = updater;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.SUBSCRIPTION)
    void onRecord(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, envelope -> {
            if (envelope.type().startsWith("subscription.") && envelope.type().endsWith(".v1")) {
                updater.apply(envelope.dataAs(GrantUpdater.SubscriptionReport.class, json));
            }
        });
    }
}
