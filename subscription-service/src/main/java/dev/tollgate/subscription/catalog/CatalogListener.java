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

    CatalogListener(JsonMapper json, CatalogPrices prices) {
        this.json = json;
        this.prices = prices;
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
        log.info("Plan prices of catalog {} v{}: {}", catalog.catalogId(), catalog.version(), planPrices.size());
    }

    /** Our read model of catalog.published.v1: only what signup sells. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PublishedCatalog(String catalogId, int version, List<Product> products) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Product(String id, String kind, String name, List<Price> prices) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Price(String id, long amountMinor, String currency, String interval, Integer trialDays, boolean legacy) {
    }
}
