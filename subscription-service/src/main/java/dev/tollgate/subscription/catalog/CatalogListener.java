package dev.tollgate.subscription.catalog;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/**
 * Learns the plans' recurring prices from billing's catalog, as entitlement-service learns their
 * limits. The topic is compacted under one key, so a fresh consumer reads the current catalog first;
 * each catalog replaces the prices held.
 */
@Component
class CatalogListener implements EventConsumer {

    static final String CONSUMER = "subscription-service.catalog";

    private static final Logger log = LoggerFactory.getLogger(CatalogListener.class);

    private final JsonMapper json;
    private final CatalogPrices prices;
    private final CatalogGrants grants;

    CatalogListener(JsonMapper json, CatalogPrices prices, CatalogGrants grants) {
        this.json = json;
        this.prices = prices;
        this.grants = grants;
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.CATALOG).on("catalog.published.v1",
                envelope -> apply(envelope.dataAs(PublishedCatalog.class, json)));
    }

    private void apply(PublishedCatalog catalog) {
        if (catalog.products() == null || catalog.catalogId() == null) {
            throw new MalformedEventException("catalog.published.v1 without catalogId or products");
        }
        List<CatalogPrices.PlanPrice> planPrices = new java.util.ArrayList<>();
        int position = 0;
        for (Product product : catalog.products()) {
            if (!"plan".equals(product.kind()) || product.prices() == null) {
                continue;
            }
            for (Price price : product.prices()) {
                if (price.interval() != null && !price.legacy()) {
                    planPrices.add(new CatalogPrices.PlanPrice(price.id(), product.id(),
                            product.name() == null ? product.id() : product.name(), position, price.amountMinor(),
                            price.currency().toLowerCase(java.util.Locale.ROOT), price.interval(), price.trialDays()));
                }
            }
            position++;
        }
        if (planPrices.isEmpty()) {
            throw new MalformedEventException("catalog " + catalog.catalogId() + " v" + catalog.version() + " has no recurring plan price");
        }
        prices.replace(catalog.catalogId(), catalog.version(), planPrices);
        grants.replace(grantingProducts(catalog));
        log.info("Plan prices of catalog {} v{}: {}", catalog.catalogId(), catalog.version(), planPrices.size());
    }

    /**
     * The one-time products whose metadata includes a plan ({@code included_plan_tier},
     * {@code included_plan_duration_months}: the Build Sprint's 6 months of Professional). The tier names
     * a plan by its {@code plan_tier} metadata or else by its id; a product naming no plan of the
     * catalog, or no whole number of months, grants nothing (logged).
     */
    private List<CatalogGrants.GrantingProduct> grantingProducts(PublishedCatalog catalog) {
        List<CatalogGrants.GrantingProduct> granting = new java.util.ArrayList<>();
        for (Product product : catalog.products()) {
            java.util.Map<String, String> metadata = product.metadata() == null ? java.util.Map.of() : product.metadata();
            String tier = metadata.get("included_plan_tier");
            if (!"one_time".equals(product.kind()) || tier == null || tier.isBlank()) {
                continue;
            }
            java.util.Optional<String> plan = catalog.products().stream().filter(p -> "plan".equals(p.kind()))
                    .filter(p -> p.metadata() != null && tier.equals(p.metadata().get("plan_tier"))).map(Product::id).findFirst()
                    .or(() -> catalog.products().stream().filter(p -> "plan".equals(p.kind()) && tier.equals(p.id()))
                            .map(Product::id).findFirst());
            Integer months = null;
            try {
                months = Integer.valueOf(metadata.getOrDefault("included_plan_duration_months", "").trim());
            } catch (NumberFormatException e) {
                // logged below
            }
            if (plan.isEmpty() || months == null || months <= 0) {
                log.warn("Product {} includes plan tier {} for {} months, which the catalog cannot grant; it grants nothing",
                        product.id(), tier, metadata.get("included_plan_duration_months"));
                continue;
            }
            granting.add(new CatalogGrants.GrantingProduct(product.id(), plan.get(), months));
        }
        return granting;
    }

    /** Our read model of catalog.published.v1: only what signup sells and what a purchase grants. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PublishedCatalog(String catalogId, int version, List<Product> products) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Product(String id, String kind, String name, java.util.Map<String, String> metadata, List<Price> prices) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Price(String id, long amountMinor, String currency, String interval, Integer trialDays, boolean legacy) {
    }
}
