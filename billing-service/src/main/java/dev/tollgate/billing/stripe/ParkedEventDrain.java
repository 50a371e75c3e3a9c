package dev.tollgate.billing.stripe;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.billing.customer.CustomerLink;
import dev.tollgate.billing.customer.FirstLinkListener;
import dev.tollgate.billing.subscription.SubscriptionSync;
import dev.tollgate.platform.events.MalformedEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies a customer's parked events once the customer is linked. Triggered by every first link,
 * whichever event stored it, right after that transaction commits (so the link is visible and a
 * rolled-back link drains nothing); {@link ParkedEventSweep} catches up on any drain a crash or a
 * Stripe outage interrupted. Each event is applied the way a live one is: Stripe is asked first,
 * without a transaction, then a short transaction claims the parked row, applies and removes it.
 * An event that can never apply (e.g. an unknown price) is dead-lettered instead.
 */
@Component
class ParkedEventDrain implements FirstLinkListener {

    static final String DRAINED_METRIC = "tollgate.billing.parked.drained";

    private static final Logger log = LoggerFactory.getLogger(ParkedEventDrain.class);

    private final ParkedEvents parked;
    private final SubscriptionSync subscriptions;
    private final ParkedEventDeadLetters deadLetters;
    private final StripeEventRouter router;
    private final MeterRegistry meters;
    private final TransactionTemplate outsideTransaction;
    private final TransactionTemplate newTransaction;

    ParkedEventDrain(ParkedEvents parked, SubscriptionSync subscriptions, ParkedEventDeadLetters deadLetters,
            @org.springframework.context.annotation.Lazy StripeEventRouter router, MeterRegistry meters,
            PlatformTransactionManager transactions) {
        this.router = router;
        this.parked = parked;
        this.subscriptions = subscriptions;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.outsideTransaction = new TransactionTemplate(transactions);
        this.outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void firstLinked(CustomerLink link) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            drainQuietly(link.customerId(), "link");
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                drainQuietly(link.customerId(), "link");
            }
        });
    }

    /** Drains what it can; a failure is logged and left to the next sweep, it never fails the caller. */
    void drainQuietly(String customerId, String trigger) {
        try {
            drain(customerId, trigger);
        } catch (RuntimeException e) {
            log.warn("Could not drain the parked events of customer {} yet; the sweep tries again: {}", customerId,
                    e.toString());
        }
    }

    private void drain(String customerId, String trigger) {
        List<StripeEvent> events = outsideTransaction.execute(status -> parked.of(customerId));
        for (StripeEvent event : events) {
            try {
                Boolean applied = StripeEventRouter.SUBSCRIPTION_STATES.contains(event.type()) ? applySubscription(event)
                        : newTransaction.execute(status -> {
                            if (!parked.claim(event.id()) || !router.applyLinked(event)) {
                                return false;
                            }
                            parked.remove(event.id());
                            return true;
                        });
                if (Boolean.TRUE.equals(applied)) {
                    log.info("Applied parked Stripe event {} ({}) of customer {}", event.id(), event.type(), customerId);
                    Counter.builder(DRAINED_METRIC).description("Parked Stripe events applied once their customer was linked")
                            .tag("trigger", trigger).register(meters).increment();
                }
            } catch (MalformedEventException e) {
                deadLetter(event, e);
            }
        }
    }

    private Boolean applySubscription(StripeEvent event) {
        SubscriptionSync.Prepared prepared = outsideTransaction.execute(status -> subscriptions.prepare(event));
        return newTransaction.execute(status -> {
            if (!parked.claim(event.id()) || !subscriptions.commit(prepared)) {
                return false;
            }
            parked.remove(event.id());
            return true;
        });
    }

    /** Moves one parked event to the dead-letter topic, unless another replica took it already. */
    void deadLetter(StripeEvent event, MalformedEventException reason) {
        newTransaction.executeWithoutResult(status -> {
            if (parked.claim(event.id())) {
                deadLetters.send(event, reason);
                parked.remove(event.id());
            }
        });
    }
}
