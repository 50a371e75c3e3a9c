package dev.tollgate.billing.catalog;

import java.util.Optional;

/** The deployment's catalog, as the service uses it: which plan a Stripe price buys. */
public final class PlanCatalog {

    private final Catalog catalog;

    public PlanCatalog(Catalog catalog) {
        this.catalog = catalog;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The product a Stripe price (its current id or a former one) belongs to, with that price. */
    public Optional<PricedPlan> byPrice(String priceId) {
        if (priceId == null) {
            return Optional.empty();
        }
        return catalog.products().stream()
                .flatMap(product -> product.prices().stream().filter(price -> price.answersTo(priceId))
                        .map(price -> new PricedPlan(product.id(), product.name(), price)))
                .findFirst();
    }

    public record PricedPlan(String planId, String planName, Catalog.Price price) {
    }
}
