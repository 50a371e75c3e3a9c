package dev.tollgate.entitlement.grant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.entitlement.plan.EntitlementPolicy;
import dev.tollgate.entitlement.plan.SubscriptionSnapshot;
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
    private final Clock clock;
    private final CurrentGrants cache;

    GrantUpdater(Grants grants, EntitlementPolicy policy, ApplicationEventPublisher events, Clock clock, CurrentGrants cache) {
        this.cache = cache;
        this.grants = grants;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    void apply(SubscriptionReport report) {
        long reportVersion = report.requiredVersion();
        Optional<AccountEntitlements> current = grants.find(report.accountId(), true);
        if (current.isPresent() && current.get().subscriptionVersion() >= reportVersion) {
            log.info("Ignoring subscription event version {} for account {}: version {} is applied already", reportVersion,
                    report.accountId(), current.get().subscriptionVersion());
            return;
        }
        SubscriptionSnapshot subscription = new SubscriptionSnapshot(report.planId(), report.status(), report.addOns());
        // Any boundary of the billing periods anchors them: a renewal's start, else its end, else what is held, else now.
        Instant anchor = report.currentPeriodStart() != null ? report.currentPeriodStart()
                : report.currentPeriodEnd() != null ? report.currentPeriodEnd()
                : current.map(AccountEntitlements::periodAnchor).orElse(report.occurredAt());
        save(current, report.accountId(), subscription, reportVersion, report.occurredAt(), anchor);
    }

    private void save(Optional<AccountEntitlements> current, String accountId, SubscriptionSnapshot subscription,
            long subscriptionVersion, Instant asOf, Instant periodAnchor) {
        Map<String, Entitlement> features = policy.entitlementsFor(subscription);
        boolean changed = current.map(held -> !held.features().equals(features) || !held.planId().equals(subscription.planId())
                || !held.subscriptionStatus().equals(subscription.status())).orElse(true);
        long version = current.map(AccountEntitlements::version).orElse(0L) + (changed ? 1 : 0);
        grants.save(new AccountEntitlements(accountId, subscription.planId(), subscription.status(), features, subscriptionVersion,
                version, asOf, subscription.addOns(), periodAnchor));
        cache.evictAfterCommit(accountId);
        if (changed) {
            events.publishEvent(new EntitlementsChanged(UUID.randomUUID(), accountId, asOf, version, subscription.planId(),
                    subscription.status(), features));
        }
    }

    /**
     * Our read model of any {@code subscription.*.v1} event.
     *
     * @param addOns the subscription's quantity add-ons when the event carries them ({@code [{id, quantity}]})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SubscriptionReport(String accountId, Instant occurredAt, Long version, String planId, String status,
            List<SubscriptionSnapshot.AddOn> addOns, Instant currentPeriodStart, Instant currentPeriodEnd) {

        long requiredVersion() {
            if (version == null) {
                throw new MalformedEventException("subscription event for account " + accountId
                        + " carries no version, so it cannot be ordered against the grant held");
            }
            return version;
        }

        /** Whether it carries the account's state at all: a reminder-like type without plan and status changes no grant. */
        boolean carriesState() {
            return planId != null && status != null;
        }
    }
}
