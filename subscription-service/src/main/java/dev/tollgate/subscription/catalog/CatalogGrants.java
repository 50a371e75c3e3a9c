package dev.tollgate.subscription.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The latest catalog's one-time products that include a plan for a while, in {@code catalog_grant_product}. */
@Repository
public class CatalogGrants {

    private final JdbcClient jdbc;

    CatalogGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A product whose purchase grants {@code planId} for {@code months} (the Build Sprint: professional, 6). */
    public record GrantingProduct(String productId, String planId, int months) {
    }

    public Optional<GrantingProduct> find(String productId) {
        return jdbc.sql("SELECT product_id, plan_id, duration_months FROM catalog_grant_product WHERE product_id = :id")
                .param("id", productId).query((rs, n) -> new GrantingProduct(rs.getString(1), rs.getString(2), rs.getInt(3)))
                .optional();
    }

    /** Replaces every granting product with the catalog's, in the caller's (inbox) transaction. */
    void replace(List<GrantingProduct> products) {
        jdbc.sql("DELETE FROM catalog_grant_product").update();
        for (GrantingProduct product : products) {
            jdbc.sql("INSERT INTO catalog_grant_product (product_id, plan_id, duration_months) VALUES (:id, :plan, :months)"
                    + " ON CONFLICT (product_id) DO NOTHING")
                    .param("id", product.productId()).param("plan", product.planId()).param("months", product.months()).update();
        }
    }
}
