package dev.tollgate.entitlement.grant;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.entitlement.plan.EntitlementPolicy;
import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/** Recomputes an account's entitlements on every subscription lifecycle event. */
@Component
class SubscriptionEventsListener {

    static final String CONSUMER = "entitlement-service.subscription-events";

    private final Inbox inbox;
    private final JsonMapper json;
    private final Grants grants;
    private final EntitlementPolicy policy;
    private final ApplicationEventPublisher events;

    SubscriptionEventsListener(Inbox inbox, JsonMapper json, Grants grants, EntitlementPolicy policy,
            ApplicationEventPublisher events) {
        this.inbox = inbox;
        this.json = json;
        this.grants = grants;
        this.policy = policy;
        this.events = events;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.SUBSCRIPTION)
    void onRecord(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, envelope -> {
            if (envelope.type().startsWith("subscription.") && envelope.type().endsWith(".v1")) {
                apply(envelope.dataAs(SubscriptionReport.class, json));
            }
        });
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
