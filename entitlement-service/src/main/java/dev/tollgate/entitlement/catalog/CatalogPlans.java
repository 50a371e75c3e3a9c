package dev.tollgate.entitlement.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.entitlement.plan.PlanSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The latest catalog's plans, in {@code catalog_plan}. */
@Repository
class CatalogPlans implements PlanSource {

    private static final TypeReference<Map<String, Entitlement>> FEATURES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CatalogPlans(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<Map<String, Entitlement>> of(String planId) {
        return jdbc.sql("SELECT features FROM catalog_plan WHERE plan_id = ?").param(planId).query(String.class).optional()
                .map(features -> new TreeMap<>(json.readValue(features, FEATURES)));
    }

    @Override
    public boolean hasCatalog() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM catalog_plan)").query(Boolean.class).single();
    }

    /** Replaces every plan with the catalog's, in the caller's (inbox) transaction. */
    void replace(String catalogId, int version, String contentHash, Map<String, Map<String, Entitlement>> plans) {
        jdbc.sql("DELETE FROM catalog_plan").update();
        plans.forEach((planId, features) -> jdbc.sql("""
                INSERT INTO catalog_plan (plan_id, features, catalog_id, catalog_version, content_hash)
                VALUES (?, CAST(? AS jsonb), ?, ?, ?)""")
                .params(planId, json.writeValueAsString(features), catalogId, version, contentHash).update());
    }
}
