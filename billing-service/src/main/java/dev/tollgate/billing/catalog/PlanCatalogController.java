package dev.tollgate.billing.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a pricing page shows: the plans and add-ons on sale, each with its prices by interval and
 * currency, trial days, marketing features and limits. Legacy prices (kept for existing customers)
 * are not on sale and not shown. Public (billing-service.yml, tollgate.identity.public-paths).
 */
@RestController
class PlanCatalogController {

    private final PlanCatalog catalog;

    PlanCatalogController(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/billing/plans")
    PricingPage plans() {
        return publicCatalog();
    }

    /** The same for anyone: the gateway lets {@code GET /api/catalog} through without a token. */
    @GetMapping("/api/catalog")
    PricingPage publicCatalog() {
        Catalog current = catalog.catalog();
        List<Offer> plans = current.products().stream().filter(Catalog.Product::isPlan).map(PlanCatalogController::offer).toList();
        List<Offer> addOns = current.products().stream().filter(p -> !p.isPlan()).map(PlanCatalogController::offer).toList();
        return new PricingPage(current.id(), current.version(), current.name(), plans, addOns);
    }

    private static Offer offer(Catalog.Product product) {
        Map<String, List<PriceView>> prices = new LinkedHashMap<>();
        int trialDays = 0;
        for (Catalog.Price price : product.prices()) {
            if (price.legacy()) {
                continue;
            }
            trialDays = Math.max(trialDays, price.trialDays());
            prices.computeIfAbsent(price.recurring() ? price.interval() : "one_time", interval -> new java.util.ArrayList<>())
                    .add(new PriceView(price.id(), price.lookupKey(), price.nickname(), price.currency(), price.amountMinor(),
                            price.trialDays(), price.perUnit()));
        }
        String requires = product.metadata().get("requires_plan");
        return new Offer(product.id(), product.kind(), product.name(), product.description(), product.unitLabel(), trialDays,
                prices, product.marketingFeatures(), product.limits(),
                requires == null ? List.of() : List.of(requires.split(",")), product.metadata());
    }

    /** @param addOns add-ons and one-time purchases, in the catalog's order */
    record PricingPage(String catalog, int version, String name, List<Offer> plans, List<Offer> addOns) {
    }

    /**
     * @param prices by interval ({@code month}, {@code year}, or {@code one_time}), one per currency
     * @param trialDays the longest trial a new signup gets on this offer (0 for none)
     * @param requiresPlan the plans an account must hold to buy this add-on; empty when any may
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Offer(String id, String kind, String name, String description, String unitLabel, int trialDays,
            Map<String, List<PriceView>> prices, List<String> features, Map<String, Catalog.Limit> limits,
            List<String> requiresPlan, Map<String, String> metadata) {
    }

    /** @param perUnit bought in a quantity (the amount is per unit) */
    record PriceView(String priceId, String lookupKey, String nickname, String currency, long amountMinor, int trialDays,
            boolean perUnit) {
    }
}
