package dev.tollgate.entitlement.plan;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * The two catalogs billing ships, read from billing-service's files as the products of
 * {@code catalog.published.v1} carry them (metadata verbatim; explicit {@code limits} only where the
 * file states them, so what this service derives from Stripe metadata is what is tested).
 */
final class ShippedCatalogs {

    static final Path DIRECTORY = Path.of("..", "billing-service", "src", "main", "resources", "catalogs");

    private ShippedCatalogs() {
    }

    static PlanFeatures load(String catalog) {
        try (Reader reader = Files.newBufferedReader(DIRECTORY.resolve(catalog + ".yml"))) {
            Map<String, Object> file = new Yaml().load(reader);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> products = (List<Map<String, Object>>) file.get("products");
            return PlanFeatures.of(products.stream().map(ShippedCatalogs::product).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static CatalogProduct product(Map<String, Object> product) {
        Map<String, String> metadata = new LinkedHashMap<>();
        ((Map<String, Object>) product.getOrDefault("metadata", Map.of())).forEach((key, value) -> metadata.put(key, String.valueOf(value)));
        Map<String, Entitlement> limits = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) product.getOrDefault("limits", Map.of())).forEach((key, limit) -> limits.put(key,
                new Entitlement(limit.get("limit") == null ? null : ((Number) limit.get("limit")).longValue(),
                        (String) limit.get("period"), (Boolean) limit.get("enabled"), null)));
        return new CatalogProduct((String) product.get("id"), (String) product.get("kind"), metadata, limits);
    }
}
