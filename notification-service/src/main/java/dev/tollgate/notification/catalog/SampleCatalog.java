package dev.tollgate.notification.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog products the message samples (admin preview, per-message tests) name: the shapes of
 * billing's community-edition and l4yercak3 catalogs, so a preview needs no database.
 */
public final class SampleCatalog {

    private static final Map<String, CatalogProduct> PRODUCTS = Map.of(
            "community", new CatalogProduct("community", "Community Edition", limits(), Map.of("plan_tier", "community")),
            "starter", new CatalogProduct("starter", "Starter", Map.of(), Map.of()),
            "professional", new CatalogProduct("professional", "Professional", Map.of(), Map.of()),
            "build_sprint", new CatalogProduct("build_sprint", "l4yercak3 Build Sprint", Map.of(),
                    Map.of("program_duration_weeks", "12", "included_plan_duration_months", "6")),
            "ai_tokens", new CatalogProduct("ai_tokens", "AI Token Pack", Map.of(), Map.of("tokens_included", "100000")));

    private SampleCatalog() {
    }

    public static Optional<CatalogProduct> product(String id) {
        return Optional.ofNullable(id == null ? null : PRODUCTS.get(id));
    }

    private static Map<String, Map<String, Object>> limits() {
        Map<String, Map<String, Object>> limits = new LinkedHashMap<>();
        limits.put("ai_agents", Map.of("limit", -1));
        limits.put("community_access", Map.of("enabled", true));
        limits.put("storage_gb", Map.of("limit", 10));
        limits.put("priority_support_tickets", Map.of("limit", 5, "period", "month"));
        return limits;
    }
}
