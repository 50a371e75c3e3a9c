package dev.tollgate.entitlement.grant;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.entitlement.plan.SubscriptionSnapshot;

/**
 * An account's current grant.
 *
 * @param subscriptionVersion the version of the account's subscription event it follows from
 * @param version the grant's own version: the one of the last {@code entitlements.changed.v1} published
 * @param asOf when the subscription fact behind it happened
 * @param addOns the subscription's add-ons it was computed with
 * @param periodAnchor a boundary of the account's billing periods: monthly meters reset at it plus whole months
 */
public record AccountEntitlements(String accountId, String planId, String subscriptionStatus,
        Map<String, Entitlement> features, long subscriptionVersion, long version, Instant asOf,
        List<SubscriptionSnapshot.AddOn> addOns, Instant periodAnchor) {

    public AccountEntitlements {
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
    }

    SubscriptionSnapshot subscription() {
        return new SubscriptionSnapshot(planId, subscriptionStatus, addOns);
    }
}
