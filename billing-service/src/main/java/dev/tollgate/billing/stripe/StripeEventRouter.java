package dev.tollgate.billing.stripe;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.tollgate.billing.customer.CustomerEvents;
import dev.tollgate.billing.payment.InvoiceSync;
import dev.tollgate.billing.purchase.CheckoutCompletions;
import dev.tollgate.billing.subscription.SubscriptionSync;
import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes each raw Stripe event to what acts on it (the table of the product document, see the README):
 * subscription states, the trial reminder, invoices and payments, completed checkouts and one-time
 * purchases, customers. Events are read from their raw JSON, never through stripe-java's typed
 * deserializer, which gives nothing for an API version other than its own: an event of any version is
 * handled. Counted by type and outcome in {@value #EVENTS_METRIC}.
 */
@Component
class StripeEventRouter implements EventConsumer {

    static final String CONSUMER = "billing-service.stripe-events";
    static final String EVENTS_METRIC = "tollgate.billing.stripe.events";

    /** Events that carry a subscription's state; applied newest-wins by {@link SubscriptionSync}. */
    static final Set<String> SUBSCRIPTION_STATES = Set.of("customer.subscription.created", "customer.subscription.updated",
            "customer.subscription.deleted", "customer.subscription.paused", "customer.subscription.resumed");

    /** Events about an account's money that wait (are parked) until their customer is linked. */
    static final Set<String> LINKED_ONLY = Set.of("customer.subscription.trial_will_end", "invoice.paid",
            "invoice.payment_succeeded", "invoice.payment_failed", "invoice.payment_action_required", "invoice.finalized",
            "invoice.updated", "invoice.voided", "invoice.marked_uncollectible");

    private static final Logger log = LoggerFactory.getLogger(StripeEventRouter.class);

    private final JsonMapper json;
    private final SubscriptionSync subscriptions;
    private final InvoiceSync invoices;
    private final CheckoutCompletions checkouts;
    private final CustomerEvents customers;
    private final ParkedEvents parked;
    private final MeterRegistry meters;

    StripeEventRouter(JsonMapper json, SubscriptionSync subscriptions, InvoiceSync invoices, CheckoutCompletions checkouts,
            CustomerEvents customers, ParkedEvents parked, MeterRegistry meters) {
        this.json = json;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.checkouts = checkouts;
        this.customers = customers;
        this.parked = parked;
        this.meters = meters;
    }

    /** Raw Stripe events carry Stripe's unversioned types ({@code stripe.<type>}); {@link #route} picks what to act on. */
    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.STRIPE_WEBHOOKS)
                .onEveryType(envelope -> route(StripeEvent.parse(envelope.data(), json)));
    }

    /**
     * Applies one Stripe event in the caller's (inbox) transaction. Stripe's API is called before any
     * row is locked; a Stripe failure propagates, so the record is retried, and a
     * {@code MalformedEventException} dead-letters it.
     */
    void route(StripeEvent event) {
        String outcome = "applied";
        try {
            if (SUBSCRIPTION_STATES.contains(event.type())) {
                if (!subscriptions.apply(event)) {
                    parked.park(event);
                    outcome = "parked";
                }
            } else if (LINKED_ONLY.contains(event.type())) {
                if (!applyLinked(event)) {
                    parked.park(event);
                    outcome = "parked";
                }
            } else {
                switch (event.type()) {
                    // Linking drains the customer's parked events after commit (ParkedEventDrain), whichever event links.
                    case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> checkouts.apply(event);
                    case "customer.created", "customer.updated", "customer.deleted" -> customers.apply(event);
                    default -> {
                        outcome = "ignored";
                        log.debug("Stripe event {} of type {} needs no action", event.id(), event.type());
                    }
                }
            }
        } catch (MalformedEventException e) {
            outcome = "refused";
            throw e;
        } catch (RuntimeException e) {
            outcome = "failed";
            throw e;
        } finally {
            Counter.builder(EVENTS_METRIC).description("Stripe webhook events handled, by type and outcome")
                    .tag("type", event.type()).tag("outcome", outcome).register(meters).increment();
        }
    }

    /** Applies an event of {@link #LINKED_ONLY}; false when its customer has no account yet. */
    boolean applyLinked(StripeEvent event) {
        return "customer.subscription.trial_will_end".equals(event.type()) ? subscriptions.trialWillEnd(event)
                : invoices.apply(event);
    }
}
