package dev.tollgate.notification.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The {@code catalog_product} table: each product id of the current catalog and the name customers know it by. */
@Repository
public class ProductNames {

    private final JdbcClient jdbc;

    ProductNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The product's name, e.g. {@code Community Edition} for plan {@code community}; empty before any catalog arrived. */
    public Optional<String> nameOf(String productId) {
        if (productId == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT name FROM catalog_product WHERE id = :id").param("id", productId).query(String.class).optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void replace(String catalogId, int version, List<Product> products) {
        jdbc.sql("DELETE FROM catalog_product").update();
        for (Product product : products) {
            jdbc.sql("INSERT INTO catalog_product (id, kind, name, catalog_id, catalog_version) VALUES (:id, :kind, :name, :catalog, :version)")
                    .param("id", product.id()).param("kind", product.kind()).param("name", product.name())
                    .param("catalog", catalogId).param("version", version).update();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Product(String id, String kind, String name) {
    }
}
