package dev.tollgate.entitlement.catalog;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.tollgate.entitlement.plan.CatalogProduct;
import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/**
 * Learns what each plan grants from billing's catalog. The topic is compacted and keyed by one key,
 * so a fresh consumer reads the current catalog first; each catalog replaces the products held
 * (plans with their limits and Stripe metadata, add-ons, one-time purchases). Grants
 * already given keep their features until the account's next subscription event.
 */
@Component
class CatalogListener implements EventConsumer {

    static final String CONSUMER = "entitlement-service.catalog";

    private static final Logger log = LoggerFactory.getLogger(CatalogListener.class);

    private final JsonMapper json;
    private final CatalogPlans plans;

    CatalogListener(JsonMapper json, CatalogPlans plans) {
        this.json = json;
        this.plans = plans;
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
        List<CatalogProduct> products = catalog.products().stream().filter(product -> product.id() != null && product.kind() != null)
                .map(product -> new CatalogProduct(product.id(), product.kind(), product.metadata(), product.limits())).toList();
        if (products.stream().noneMatch(CatalogProduct::isPlan)) {
            throw new MalformedEventException("catalog " + catalog.catalogId() + " v" + catalog.version() + " has no plan");
        }
        plans.replace(catalog.catalogId(), catalog.version(), String.valueOf(catalog.contentHash()), products);
        log.info("Products of catalog {} v{}: {}", catalog.catalogId(), catalog.version(),
                products.stream().map(CatalogProduct::id).toList());
    }

    /** Our read model of catalog.published.v1: only what grants need. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PublishedCatalog(String catalogId, int version, String contentHash, List<Product> products) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Product(String id, String kind, Map<String, String> metadata, Map<String, Entitlement> limits) {
    }
}
