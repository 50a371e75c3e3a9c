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

    private final PlanSource plans;

    public EntitlementPolicy(PlanSource plans) {
        this.plans = plans;
    }

    public Map<String, Entitlement> entitlementsFor(String planId, String subscriptionStatus) {
        if (!GRANTING.contains(subscriptionStatus)) {
            return Map.of();
        }
        return plans.of(planId).orElseThrow(() -> plans.hasCatalog() ? new UnknownPlanException(planId)
                : new CatalogNotYetReceivedException(planId));
    }

    /**
     * No catalog has arrived from billing yet (a fresh deployment, the catalog topic still being read):
     * not the event's fault, so it is retried with backoff until the catalog is there.
     */
    public static class CatalogNotYetReceivedException extends IllegalStateException {
        public CatalogNotYetReceivedException(String planId) {
            super("no catalog received from billing yet (topic tollgate.catalog), so plan '" + planId + "' is not known yet");
        }
    }

    /** A plan this service does not know stays unknown however often the event is retried: it is dead-lettered at once. */
    public static class UnknownPlanException extends MalformedEventException {
        public UnknownPlanException(String planId) {
            super("plan '" + planId + "' is not in billing's catalog (catalog.published.v1)");
        }
    }
}
