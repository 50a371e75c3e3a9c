package dev.tollgate.entitlement.grant;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.platform.identity.CallerIdentity;

@RestController
class EntitlementController {

    private final Grants grants;

    EntitlementController(Grants grants) {
        this.grants = grants;
    }

    /** The caller's account's entitlements; an account without a subscription simply has none. */
    @GetMapping("/api/entitlements/me")
    EntitlementsView mine(CallerIdentity caller) {
        return grants.find(caller.accountId(), false)
                .map(grant -> new EntitlementsView(grant.accountId(), grant.planId(), grant.subscriptionStatus(),
                        grant.features()))
                .orElse(new EntitlementsView(caller.accountId(), null, null, Map.of()));
    }

    record EntitlementsView(String accountId, String planId, String subscriptionStatus, Map<String, Entitlement> features) {
    }
}
