package dev.tollgate.entitlement.plan;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A fixed set of catalog products held in memory: one catalog's. */
public record PlanFeatures(Map<String, CatalogProduct> products) implements PlanSource {

    public PlanFeatures {
        products = products == null ? Map.of() : Map.copyOf(products);
    }

    public static PlanFeatures of(Collection<CatalogProduct> products) {
        Map<String, CatalogProduct> byId = new LinkedHashMap<>();
        products.forEach(product -> byId.put(product.id(), product));
        return new PlanFeatures(byId);
    }

    /** Plans given only by their explicit limits, as the Community Edition catalog states them. */
    public static PlanFeatures ofPlans(Map<String, Map<String, Entitlement>> plans) {
        Map<String, CatalogProduct> byId = new LinkedHashMap<>();
        plans.forEach((id, limits) -> byId.put(id, CatalogProduct.plan(id, limits)));
        return new PlanFeatures(byId);
    }

    @Override
    public Optional<CatalogProduct> product(String productId) {
        return Optional.ofNullable(products.get(productId));
    }

    @Override
    public boolean hasCatalog() {
        return !products.isEmpty();
    }
}
