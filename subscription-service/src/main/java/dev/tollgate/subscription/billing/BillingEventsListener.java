package dev.tollgate.subscription.billing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

@Component
class BillingEventsListener {

    static final String CONSUMER = "subscription-service.billing-events";

    private final Inbox inbox;
    private final JsonMapper json;
    private final SubscriptionRecorder recorder;

    BillingEventsListener(Inbox inbox, JsonMapper json, SubscriptionRecorder recorder) {
        this.inbox = inbox;
        this.json = json;
        this.recorder = recorder;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.BILLING)
    void onRecord(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, envelope -> {
            if ("billing.subscription.changed.v1".equals(envelope.type())) {
                BillingSubscriptionChanged changed = envelope.dataAs(BillingSubscriptionChanged.class, json);
                recorder.record(changed.toState());
            }
        });
    }
}
