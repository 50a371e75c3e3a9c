package dev.tollgate.entitlement.plan;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A fixed set of plans' features, keyed by plan id then feature key: one catalog's, held in memory. */
public record PlanFeatures(Map<String, Map<String, Entitlement>> plans) implements PlanSource {

    public PlanFeatures {
        plans = plans == null ? Map.of() : Map.copyOf(plans);
    }

    @Override
    public Optional<Map<String, Entitlement>> of(String planId) {
        return Optional.ofNullable(plans.get(planId)).map(TreeMap::new);
    }

    @Override
    public boolean hasCatalog() {
        return !plans.isEmpty();
    }
}
