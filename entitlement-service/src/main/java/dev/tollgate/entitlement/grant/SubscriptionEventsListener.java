package dev.tollgate.entitlement.grant;

import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.events.UnknownEventVersionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recomputes an account's entitlements on every subscription lifecycle event. Every
 * {@code subscription.<transition>.v1} carries the account's whole effective state (plan, status,
 * version), so a transition added later (trial expired, account suspended, recovered, resumed) is
 * applied like the six known ones without a change here; a v1 type without plan and status is
 * skipped; another version of any subscription type is dead-lettered as the platform does for a
 * declared type.
 */
@Component
class SubscriptionEventsListener implements EventConsumer {

    static final String CONSUMER = "entitlement-service.subscription-events";
    static final List<String> LIFECYCLE_EVENTS = List.of("subscription.trial_started.v1", "subscription.activated.v1",
            "subscription.plan_changed.v1", "subscription.past_due.v1", "subscription.paused.v1", "subscription.canceled.v1");
    private static final Pattern SUBSCRIPTION_V1 = Pattern.compile("subscription\\.[a-z_]+\\.v1");
    private static final Pattern SUBSCRIPTION_ANY_VERSION = Pattern.compile("subscription\\.[a-z_]+\\.v\\d+");

    private static final Logger log = LoggerFactory.getLogger(SubscriptionEventsListener.class);

    private final JsonMapper json;
    private final GrantUpdater updater;

    SubscriptionEventsListener(JsonMapper json, GrantUpdater updater) {
        this.json = json;
        this.updater = updater;
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.SUBSCRIPTION).on(LIFECYCLE_EVENTS, this::apply).onEveryType(this::applyOther);
    }

    private void apply(EventEnvelope envelope) {
        updater.apply(envelope.dataAs(GrantUpdater.SubscriptionReport.class, json));
    }

    private void applyOther(EventEnvelope envelope) {
        String type = envelope.type();
        if (SUBSCRIPTION_V1.matcher(type).matches()) {
            GrantUpdater.SubscriptionReport report = envelope.dataAs(GrantUpdater.SubscriptionReport.class, json);
            if (report.carriesState()) {
                updater.apply(report);
            } else {
                log.debug("Skipping {} for account {}: it carries no plan and status", type, report.accountId());
            }
        } else if (SUBSCRIPTION_ANY_VERSION.matcher(type).matches()) {
            throw new UnknownEventVersionException("entitlement-service reads subscription events in v1 only, not " + type);
        } else {
            log.debug("Skipping {}: not a subscription event", type);
        }
    }
}
