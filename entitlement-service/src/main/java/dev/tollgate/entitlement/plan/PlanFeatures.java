package dev.tollgate.entitlement.plan;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** What each plan grants while its subscription is in good standing, keyed by plan id then feature key. */
@ConfigurationProperties("tollgate.entitlements")
public record PlanFeatures(Map<String, Map<String, Entitlement>> plans) {

    public PlanFeatures {
        plans = plans == null ? Map.of() : Map.copyOf(plans);
    }

    public Optional<Map<String, Entitlement>> of(String planId) {
        return Optional.ofNullable(plans.get(planId)).map(TreeMap::new);
    }
}
