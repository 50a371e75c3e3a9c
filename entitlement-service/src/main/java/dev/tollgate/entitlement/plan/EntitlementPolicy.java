package dev.tollgate.entitlement.plan;

import java.util.Map;
import java.util.Set;

import dev.tollgate.platform.events.MalformedEventException;

/**
 * A subscription that is trialing, active, or past due (Stripe is still retrying the payment)
 * grants its plan's features; a paused, canceled or incomplete one grants nothing.
 */
public final class EntitlementPolicy {

    private static final Set<String> GRANTING = Set.of("trialing", "active", "past_due");

    private final PlanFeatures plans;

    public EntitlementPolicy(PlanFeatures plans) {
        this.plans = plans;
    }

    public Map<String, Entitlement> entitlementsFor(String planId, String subscriptionStatus) {
        if (!GRANTING.contains(subscriptionStatus)) {
            return Map.of();
        }
        return plans.of(planId).orElseThrow(() -> new UnknownPlanException(planId));
    }

    /** A plan this service does not know stays unknown however often the event is retried: it is dead-lettered at once. */
    public static class UnknownPlanException extends MalformedEventException {
        public UnknownPlanException(String planId) {
            super("plan '" + planId + "' has no entry in entitlements.yml");
        }
    }
}
