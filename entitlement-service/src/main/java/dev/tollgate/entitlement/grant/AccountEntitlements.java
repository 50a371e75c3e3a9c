package dev.tollgate.entitlement.grant;

import java.time.Instant;
import java.util.Map;

import dev.tollgate.entitlement.plan.Entitlement;

/**
 * An account's current grant.
 *
 * @param subscriptionVersion the version of the account's subscription event it follows from
 * @param version the grant's own version: the one of the last {@code entitlements.changed.v1} published
 * @param asOf when the subscription fact behind it happened
 */
public record AccountEntitlements(String accountId, String planId, String subscriptionStatus,
        Map<String, Entitlement> features, long subscriptionVersion, long version, Instant asOf) {
}
