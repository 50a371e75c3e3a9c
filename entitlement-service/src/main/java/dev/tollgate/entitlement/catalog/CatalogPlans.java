package dev.tollgate.entitlement.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.tollgate.entitlement.plan.CatalogProduct;
import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.entitlement.plan.PlanFeatures;
import dev.tollgate.entitlement.plan.PlanSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest catalog's products, in {@code catalog_plan}, served from memory: the catalog changes
 * once per deployment, so it is read once and again only after a new catalog committed here.
 */
@Repository
class CatalogPlans implements PlanSource {

    private static final TypeReference<Map<String, Entitlement>> FEATURES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AtomicReference<PlanFeatures> held = new AtomicReference<>();

    CatalogPlans(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<CatalogProduct> product(String productId) {
        return current().product(productId);
    }

    @Override
    public boolean hasCatalog() {
        return current().hasCatalog();
    }

    private PlanFeatures current() {
        PlanFeatures catalog = held.get();
        if (catalog == null) {
            catalog = PlanFeatures.of(jdbc.sql("SELECT plan_id, kind, metadata, features FROM catalog_plan")
                    .query((rs, n) -> new CatalogProduct(rs.getString(1), rs.getString(2), json.readValue(rs.getString(3), METADATA),
                            json.readValue(rs.getString(4), FEATURES)))
                    .list());
            // An empty catalog is not remembered: the first one may be committing right now.
            if (catalog.hasCatalog()) {
                held.compareAndSet(null, catalog);
            }
        }
        return catalog;
    }

    /** Replaces every product with the catalog's, in the caller's (inbox) transaction. */
    void replace(String catalogId, int version, String contentHash, List<CatalogProduct> products) {
        jdbc.sql("DELETE FROM catalog_plan").update();
        products.forEach(product -> jdbc.sql("""
                INSERT INTO catalog_plan (plan_id, kind, metadata, features, catalog_id, catalog_version, content_hash)
                VALUES (?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?)""")
                .params(product.id(), product.kind(), json.writeValueAsString(product.metadata()),
                        json.writeValueAsString(product.limits()), catalogId, version, contentHash).update());
        held.set(null);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    held.set(null);
                }
            });
        }
    }
}
