package dev.tollgate.subscription.billing;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.tollgate.subscription.account.AccountLifecycle;
import dev.tollgate.subscription.api.Subscriptions;
import dev.tollgate.subscription.lifecycle.Lifecycle;
import dev.tollgate.subscription.lifecycle.LifecycleInput;
import dev.tollgate.subscription.lifecycle.SubscriptionState;

/**
 * Applies a reported state, in the caller's transaction: store it unless it is late news for its
 * subscription or a move its status refuses, then publish the lifecycle events that the change of
 * the account's effective subscription means, each with the account's next version.
 */
@Component
class SubscriptionRecorder {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRecorder.class);

    private final Subscriptions subscriptions;
    private final AccountLifecycle lifecycle;

    SubscriptionRecorder(Subscriptions subscriptions, AccountLifecycle lifecycle) {
        this.subscriptions = subscriptions;
        this.lifecycle = lifecycle;
    }

    void record(SubscriptionState reported) {
        AccountLifecycle.Locked account = lifecycle.lock(reported.accountId());
        Optional<SubscriptionState> held = subscriptions.lockById(reported.subscriptionId());
        if (Lifecycle.isOutdated(held, reported)) {
            log.info("Ignoring an outdated report for subscription {} ({} as of {}, held {} as of {})",
                    reported.subscriptionId(), reported.status(), reported.asOf(), held.get().status(), held.get().asOf());
            return;
        }
        Optional<SubscriptionState> next = lifecycle.guard(held.orElse(null), LifecycleInput.reported(reported.status()),
                reported, reported.asOf());
        if (next.isEmpty()) {
            return;
        }
        lifecycle.save(next.get());
        lifecycle.publish(account, reported.asOf(), null);
    }
}
