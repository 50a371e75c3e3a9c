package dev.tollgate.billing.stripe;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.tollgate.billing.customer.CustomerLinks;
import dev.tollgate.billing.subscription.SubscriptionSync;
import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

@Component
class StripeEventRouter {

    static final String CONSUMER = "billing-service.stripe-events";

    private static final Logger log = LoggerFactory.getLogger(StripeEventRouter.class);

    private final Inbox inbox;
    private final JsonMapper json;
    private final CustomerLinks customers;
    private final SubscriptionSync subscriptions;
    private final ParkedEvents parked;

    StripeEventRouter(Inbox inbox, JsonMapper json, CustomerLinks customers, SubscriptionSync subscriptions,
            ParkedEvents parked) {
        this.inbox = inbox;
        this.json = json;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.parked = parked;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.STRIPE_WEBHOOKS)
    void onRecord(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, envelope -> route(StripeEvent.parse(envelope.data(), json)));
    }

    /**
     * Applies one Stripe event in the caller's (inbox) transaction. Stripe's API is called before any
     * row is locked ({@link SubscriptionSync#prepare}); a Stripe failure propagates, so the record is
     * retried, and a {@code MalformedEventException} dead-letters it.
     */
    void route(StripeEvent event) {
        switch (event.type()) {
            // Linking drains the customer's parked events after commit (ParkedEventDrain), whichever event links.
            case "checkout.session.completed" -> customers.linkFromCheckout(event.object());
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
                    "customer.subscription.paused", "customer.subscription.resumed" -> {
                if (!subscriptions.apply(event)) {
                    parked.park(event);
                }
            }
            default -> log.debug("Stripe event {} of type {} needs no action", event.id(), event.type());
        }
    }
}
