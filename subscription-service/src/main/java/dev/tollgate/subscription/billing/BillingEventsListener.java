package dev.tollgate.subscription.billing;

import org.springframework.stereotype.Component;

import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.subscription.grant.PurchaseHandler;
import dev.tollgate.subscription.payments.PaymentHandler;
import tools.jackson.databind.json.JsonMapper;

@Component
class BillingEventsListener implements EventConsumer {

    static final String CONSUMER = "subscription-service.billing-events";

    private final JsonMapper json;
    private final SubscriptionRecorder recorder;
    private final PurchaseHandler purchases;
    private final PaymentHandler payments;

    BillingEventsListener(JsonMapper json, SubscriptionRecorder recorder, PurchaseHandler purchases, PaymentHandler payments) {
        this.json = json;
        this.recorder = recorder;
        this.purchases = purchases;
        this.payments = payments;
    }

    /** One consumer (one group) for billing's whole topic: a record it cannot read is dead-lettered once. */
    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.BILLING)
                .on("billing.subscription.changed.v1",
                        envelope -> recorder.record(envelope.dataAs(BillingSubscriptionChanged.class, json).toState()))
                .on(PurchaseHandler.TYPE, purchases::handle)
                .on(PaymentHandler.SUCCEEDED, payments::succeeded)
                .on(PaymentHandler.FAILED, payments::failed);
    }
}
