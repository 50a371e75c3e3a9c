package dev.tollgate.entitlement.plan;

import java.util.Map;
import java.util.Optional;

/** Where the plans' features come from: billing's catalog (catalog.published.v1). */
public interface PlanSource {

    /** The features of the plan while its subscription is in good standing; empty for a plan the catalog lacks. */
    Optional<Map<String, Entitlement>> of(String planId);

    /** Whether any catalog has arrived yet: before it, every plan is unknown for now, not unknown for good. */
    boolean hasCatalog();
}
