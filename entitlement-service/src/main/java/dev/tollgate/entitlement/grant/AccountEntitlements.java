package dev.tollgate.entitlement.grant;

import java.time.Instant;
import java.util.Map;

import dev.tollgate.entitlement.plan.Entitlement;

public record AccountEntitlements(String accountId, String planId, String subscriptionStatus,
        Map<String, Entitlement> features, Instant asOf) {
}
