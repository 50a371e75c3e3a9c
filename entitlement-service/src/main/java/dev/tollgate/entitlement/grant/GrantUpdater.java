package dev.tollgate.entitlement.grant;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.entitlement.plan.EntitlementPolicy;
import dev.tollgate.platform.events.MalformedEventException;

/**
 * Recomputes an account's grant from a subscription event, in the caller's transaction. Each
 * event carries the account's effective subscription and the account's version;
 * subscription-service derives that from all of the account's subscriptions, so following the
 * event of the highest version follows the account, never whichever subscription spoke last.
 */
@Component
class GrantUpdater {

    private static final Logger log = LoggerFactory.getLogger(GrantUpdater.class);

    private final Grants grants;
    private final EntitlementPolicy policy;
    private final ApplicationEventPublisher events;

    GrantUpdater(Grants grants, EntitlementPolicy policy, ApplicationEventPublisher events) {
        this.grants = grants;
        this.policy = policy;
        this.events = events;
    }

    void apply(SubscriptionReport report) {
        long reportVersion = report.requiredVersion();
        Optional<AccountEntitlements> current = grants.find(report.accountId(), true);
        if (current.isPresent() && current.get().subscriptionVersion() >= reportVersion) {
            log.info("Ignoring subscription event version {} for account {}: version {} is applied already", reportVersion,
                    report.accountId(), current.get().subscriptionVersion());
            return;
        }
        Map<String, Entitlement> features = policy.entitlementsFor(report.planId(), report.status());
        boolean changed = current.map(held -> !held.features().equals(features) || !held.planId().equals(report.planId())
                || !held.subscriptionStatus().equals(report.status())).orElse(true);
        long version = current.map(AccountEntitlements::version).orElse(0L) + (changed ? 1 : 0);
        grants.save(new AccountEntitlements(report.accountId(), report.planId(), report.status(), features, reportVersion,
                version, report.occurredAt()));
        if (changed) {
            events.publishEvent(new EntitlementsChanged(UUID.randomUUID(), report.accountId(), report.occurredAt(), version,
                    report.planId(), report.status(), features));
        }
    }

    /** Our read model of any {@code subscription.*.v1} event. */
    record SubscriptionReport(String accountId, Instant occurredAt, Long version, String planId, String status) {

        long requiredVersion() {
            if (version == null) {
                throw new MalformedEventException("subscription event for account " + accountId
                        + " carries no version, so it cannot be ordered against the grant held");
            }
            return version;
        }
    }
}
