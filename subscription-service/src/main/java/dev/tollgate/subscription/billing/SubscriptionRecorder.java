package dev.tollgate.subscription.billing;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.tollgate.subscription.lifecycle.Lifecycle;
import dev.tollgate.subscription.lifecycle.SubscriptionEvent;
import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.api.Subscriptions;

/** Applies a reported state: store it and publish its lifecycle events, in the caller's transaction. */
@Component
class SubscriptionRecorder {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRecorder.class);

    private final Subscriptions subscriptions;
    private final ApplicationEventPublisher events;

    SubscriptionRecorder(Subscriptions subscriptions, ApplicationEventPublisher events) {
        this.subscriptions = subscriptions;
        this.events = events;
    }

    void record(SubscriptionState reported) {
        Optional<SubscriptionState> current = subscriptions.lockById(reported.subscriptionId());
        if (Lifecycle.isOutdated(current, reported)) {
            log.info("Ignoring an outdated report for subscription {} (as of {}, held as of {})", reported.subscriptionId(),
                    reported.asOf(), current.get().asOf());
            return;
        }
        subscriptions.save(reported);
        Lifecycle.transitions(current, reported)
                .forEach(transition -> events.publishEvent(SubscriptionEvent.of(transition, reported)));
    }
}
