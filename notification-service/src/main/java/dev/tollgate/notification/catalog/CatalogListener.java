package dev.tollgate.notification.catalog;

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
 * Learns the products' names from billing's catalog, as entitlement-service learns their limits:
 * the topic is compacted with one key, so a fresh consumer reads the current catalog first, and
 * each catalog replaces the names held. Kept in a table (not in memory) because the consumer
 * group's committed offset is past the catalog after a restart.
 */
@Component
class CatalogListener implements EventConsumer {

    static final String CONSUMER = "notification-service.catalog";

    private static final Logger log = LoggerFactory.getLogger(CatalogListener.class);

    private final JsonMapper json;
    private final ProductNames names;

    CatalogListener(JsonMapper json, ProductNames names) {
        this.json = json;
        this.names = names;
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
        List<ProductNames.Product> products = catalog.products().stream()
                .filter(product -> product.id() != null && product.name() != null).toList();
        names.replace(catalog.catalogId(), catalog.version(), products);
        log.info("Product names of catalog {} v{}: {}", catalog.catalogId(), catalog.version(), products);
    }

    /** Our read model of catalog.published.v1: only the names. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PublishedCatalog(String catalogId, int version, List<ProductNames.Product> products) {
    }
}
