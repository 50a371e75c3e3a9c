package dev.tollgate.subscription.billing;

import org.springframework.stereotype.Component;

import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

@Component
class BillingEventsListener implements EventConsumer {

    static final String CONSUMER = "subscription-service.billing-events";

    private final JsonMapper json;
    private final SubscriptionRecorder recorder;

    BillingEventsListener(JsonMapper json, SubscriptionRecorder recorder) {
        this.json = json;
        this.recorder = recorder;
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.BILLING).on("billing.subscription.changed.v1",
                envelope -> recorder.record(envelope.dataAs(BillingSubscriptionChanged.class, json).toState()));
    }
}
