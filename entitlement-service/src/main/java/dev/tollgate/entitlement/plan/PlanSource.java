package dev.tollgate.entitlement.plan;

import java.util.Map;
import java.util.Optional;

/** Where the products come from: billing's catalog (catalog.published.v1). */
public interface PlanSource {

    /** A catalog product (plan, add-on or one-time purchase) by id; empty for one the catalog lacks. */
    Optional<CatalogProduct> product(String productId);

    /** Whether any catalog has arrived yet: before it, every plan is unknown for now, not unknown for good. */
    boolean hasCatalog();

    /** The plan's features as the catalog states them; empty for a plan the catalog lacks. */
    default Optional<Map<String, Entitlement>> of(String planId) {
        return product(planId).filter(CatalogProduct::isPlan).map(CatalogProduct::limits);
    }
}
