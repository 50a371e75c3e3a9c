package dev.tollgate.entitlement.plan;

import java.util.List;
import java.util.Map;

/**
 * One product of billing's catalog as entitlements need it: its {@code kind} ({@code plan},
 * {@code addon}, {@code one_time}), Stripe's metadata (every value a string) and, for plans, the
 * {@code limits} billing derived or the catalog states explicitly.
 */
public record CatalogProduct(String id, String kind, Map<String, String> metadata, Map<String, Entitlement> limits) {

    public CatalogProduct {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }

    public static CatalogProduct plan(String id, Map<String, Entitlement> limits) {
        return new CatalogProduct(id, "plan", Map.of("plan_tier", id), limits);
    }

    public boolean isPlan() {
        return "plan".equals(kind);
    }

    /** The plans ({@code requires_plan}, comma-separated) an add-on may be bought with; empty when it names none. */
    public List<String> requiredPlans() {
        String required = metadata.get("requires_plan");
        return required == null || required.isBlank() ? List.of()
                : List.of(required.split(",")).stream().map(String::trim).filter(plan -> !plan.isEmpty()).toList();
    }

    public String addonType() {
        return metadata.getOrDefault("addon_type", id);
    }
}
