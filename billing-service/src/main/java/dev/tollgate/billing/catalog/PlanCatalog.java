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

    /** The product a Stripe price (its current id or a former one) belongs to: a plan, an add-on or a one-time purchase. */
    public Optional<Catalog.Product> productByPrice(String priceId) {
        if (priceId == null) {
            return Optional.empty();
        }
        return catalog.products().stream()
                .filter(product -> product.prices().stream().anyMatch(price -> price.answersTo(priceId)))
                .findFirst();
    }

    /** The price a Stripe price id (current or former) stands for. */
    public Optional<Catalog.Price> price(String priceId) {
        return byPrice(priceId).map(PricedPlan::price);
    }

    public record PricedPlan(String planId, String planName, Catalog.Price price) {
    }
}
