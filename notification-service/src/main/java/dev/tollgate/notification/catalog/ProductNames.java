package dev.tollgate.notification.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code catalog_product} table: each product id of the current catalog, the name customers
 * know it by, and what the mails need of it (a plan's limits, a product's metadata such as a token
 * pack's {@code tokens_included}).
 */
@Repository
public class ProductNames {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProductNames(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The product's name, e.g. {@code Community Edition} for plan {@code community}; empty before any catalog arrived. */
    public Optional<String> nameOf(String productId) {
        return product(productId).map(CatalogProduct::name);
    }

    /** The product as the current catalog describes it; empty for an unknown id or before any catalog arrived. */
    public Optional<CatalogProduct> product(String productId) {
        if (productId == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, name, limits, metadata FROM catalog_product WHERE id = :id").param("id", productId)
                .query((rs, n) -> new CatalogProduct(rs.getString(1), rs.getString(2),
                        read(rs.getString(3), new TypeReference<Map<String, Map<String, Object>>>() { }),
                        read(rs.getString(4), new TypeReference<Map<String, String>>() { })))
                .optional();
    }

    private <T> Map<String, T> read(String text, TypeReference<Map<String, T>> type) {
        return text == null ? Map.of() : new LinkedHashMap<>(json.readValue(text, type));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void replace(String catalogId, int version, List<Product> products) {
        jdbc.sql("DELETE FROM catalog_product").update();
        for (Product product : products) {
            jdbc.sql("""
                    INSERT INTO catalog_product (id, kind, name, catalog_id, catalog_version, limits, metadata)
                    VALUES (:id, :kind, :name, :catalog, :version, :limits, :metadata)""")
                    .param("id", product.id()).param("kind", product.kind()).param("name", product.name())
                    .param("catalog", catalogId).param("version", version)
                    .param("limits", product.limits() == null ? null : json.writeValueAsString(product.limits()))
                    .param("metadata", product.metadata() == null ? null : json.writeValueAsString(product.metadata()))
                    .update();
        }
    }

    /** Our read model of a product of {@code catalog.published.v1}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Product(String id, String kind, String name, Map<String, Map<String, Object>> limits, Map<String, String> metadata) {
    }
}
