package dev.tollgate.subscription.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The latest catalog's recurring plan prices, in {@code catalog_price}. */
@Repository
public class CatalogPrices {

    private final JdbcClient jdbc;

    CatalogPrices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One recurring price of a plan.
     *
     * @param planPosition the plan's place in the catalog (0 first)
     * @param trialDays the trial a subscription to this price starts with (null or 0: none)
     */
    public record PlanPrice(String priceId, String planId, String planName, int planPosition, long amountMinor,
            String currency, String interval, Integer trialDays) {
    }

    public boolean hasCatalog() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM catalog_price)").query(Boolean.class).single();
    }

    /**
     * The catalog's default plan for a signup: {@code configured} when set, else the first plan in the
     * catalog that has a price with a trial.
     */
    public Optional<String> defaultPlan(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        return jdbc.sql("SELECT plan_id FROM catalog_price WHERE trial_days > 0 ORDER BY plan_position, price_id LIMIT 1")
                .query(String.class).optional();
    }

    public List<PlanPrice> pricesOf(String planId) {
        return jdbc.sql("""
                SELECT price_id, plan_id, plan_name, plan_position, amount_minor, currency, interval, trial_days
                FROM catalog_price WHERE plan_id = :plan ORDER BY interval, currency, price_id""")
                .param("plan", planId)
                .query((rs, n) -> new PlanPrice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getObject(8, Integer.class)))
                .list();
    }

    /** Replaces every price with the catalog's, in the caller's (inbox) transaction. */
    void replace(String catalogId, int version, List<PlanPrice> prices) {
        jdbc.sql("DELETE FROM catalog_price").update();
        for (PlanPrice price : prices) {
            jdbc.sql("""
                    INSERT INTO catalog_price (price_id, plan_id, plan_name, plan_position, amount_minor, currency, interval,
                        trial_days, catalog_id, catalog_version)
                    VALUES (:price, :plan, :name, :position, :amount, :currency, :interval, :trialDays, :catalog, :version)
                    ON CONFLICT (price_id) DO NOTHING""")
                    .param("price", price.priceId()).param("plan", price.planId()).param("name", price.planName())
                    .param("position", price.planPosition()).param("amount", price.amountMinor())
                    .param("currency", price.currency()).param("interval", price.interval())
                    .param("trialDays", price.trialDays(), java.sql.Types.INTEGER).param("catalog", catalogId)
                    .param("version", version).update();
        }
    }
}
