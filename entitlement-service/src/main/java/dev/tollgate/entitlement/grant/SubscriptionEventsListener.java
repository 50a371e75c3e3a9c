package dev.tollgate.entitlement.grant;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.entitlement.plan.EntitlementPolicy;
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
    private final Grants grants;
    private final EntitlementPolicy policy;
    private final ApplicationEventPublisher events;

    SubscriptionEventsListener(JsonMapper json, Grants grants, EntitlementPolicy policy,
            ApplicationEventPublisher events) {
        this.json = json;
        this.grants = grants;
        this.policy = policy;
        this.events = events;
    }

    /** Every lifecycle event carries the account's plan and status, which is all the policy needs. */
    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.SUBSCRIPTION).on(LIFECYCLE_EVENTS,
                envelope -> apply(envelope.dataAs(SubscriptionReport.class, json)));
    }

    private void apply(SubscriptionReport report) {
        Optional<AccountEntitlements> current = grants.find(report.accountId(), true);
        if (current.isPresent() && current.get().asOf().isAfter(report.occurredAt())) {
            return;
        }
        Map<String, Entitlement> features = policy.entitlementsFor(report.planId(), report.status());
        AccountEntitlements next = new AccountEntitlements(report.accountId(), report.planId(), report.status(), features,
                report.occurredAt());
        grants.save(next);
        boolean changed = current.map(held -> !held.features().equals(features) || !held.planId().equals(report.planId())
                || !held.subscriptionStatus().equals(report.status())).orElse(true);
        if (changed) {
            events.publishEvent(new EntitlementsChanged(UUID.randomUUID(), report.accountId(), report.occurredAt(),
                    report.planId(), report.status(), features));
        }
    }

    /** Our read model of any {@code subscription.*.v1} event. */
    record SubscriptionReport(String accountId, Instant occurredAt, String planId, String status) {
    }
}
