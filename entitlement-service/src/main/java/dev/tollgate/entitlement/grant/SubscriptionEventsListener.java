package dev.tollgate.entitlement.grant;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/** Recomputes an account's entitlements on every subscription lifecycle event. */
@Component
class SubscriptionEventsListener implements EventConsumer {

    static final String CONSUMER = "entitlement-service.subscription-events";
    static final List<String> LIFECYCLE_EVENTS = List.of("subscription.trial_started.v1", "subscription.activated.v1",
            "subscription.plan_changed.v1", "subscription.past_due.v1", "subscription.paused.v1", "subscription.canceled.v1");

    private final JsonMapper json;
    private final GrantUpdater updater;

    SubscriptionEventsListener(JsonMapper json, GrantUpdater updater) {
        this.json = json;
        this.updater = updater;
    }

    /** Every lifecycle event carries the account's plan, status and version, which is all the policy needs. */
    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.SUBSCRIPTION).on(LIFECYCLE_EVENTS,
                envelope -> updater.apply(envelope.dataAs(GrantUpdater.SubscriptionReport.class, json)));
    }
}
