package dev.tollgate.subscription.billing;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.tollgate.subscription.api.Subscriptions;
import dev.tollgate.subscription.lifecycle.Lifecycle;
import dev.tollgate.subscription.lifecycle.SubscriptionEvent;
import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.Transition;

/**
 * Applies a reported state, in the caller's transaction: store it unless it is late news for its
 * subscription, then publish the lifecycle events that the change of the account's effective
 * subscription means, each with the account's next version.
 */
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
        String account = reported.accountId();
        long version = subscriptions.lockAccount(account);
        Optional<SubscriptionState> held = subscriptions.lockById(reported.subscriptionId());
        if (Lifecycle.isOutdated(held, reported)) {
            log.info("Ignoring an outdated report for subscription {} ({} as of {}, held {} as of {})",
                    reported.subscriptionId(), reported.status(), reported.asOf(), held.get().status(), held.get().asOf());
            return;
        }
        Optional<SubscriptionState> before = subscriptions.currentOf(account);
        subscriptions.save(reported);
        SubscriptionState after = subscriptions.currentOf(account).orElseThrow();
        List<Transition> transitions = Lifecycle.transitions(before, after);
        for (Transition transition : transitions) {
            version++;
            events.publishEvent(SubscriptionEvent.of(transition, after, version, reported.asOf()));
        }
        if (!transitions.isEmpty()) {
            subscriptions.saveAccountVersion(account, version);
        }
    }
}
