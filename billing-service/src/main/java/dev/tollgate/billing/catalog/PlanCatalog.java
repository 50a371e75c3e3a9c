package dev.tollgate.billing.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Plans by id; a price id belongs to exactly one plan. */
@ConfigurationProperties("tollgate.catalog")
public record PlanCatalog(Map<String, Plan> plans) {

    public PlanCatalog {
        plans = plans == null ? Map.of() : Map.copyOf(plans);
        long distinct = plans.values().stream().flatMap(p -> p.prices().stream()).map(Price::id).distinct().count();
        long all = plans.values().stream().mapToLong(p -> p.prices().size()).sum();
        if (distinct != all) {
            throw new IllegalStateException("catalog.yml lists a Stripe price id under more than one plan");
        }
    }

    public Optional<PricedPlan> byPrice(String priceId) {
        return plans.entrySet().stream()
                .flatMap(plan -> plan.getValue().prices().stream().filter(price -> price.id().equals(priceId))
                        .map(price -> new PricedPlan(plan.getKey(), plan.getValue().name(), price)))
                .findFirst();
    }

    public record Plan(String name, List<Price> prices) {
        public Plan {
            prices = prices == null ? List.of() : List.copyOf(prices);
        }
    }

    /** @param amountMinor the price in the currency's minor unit (cents; whole pesos for CLP, which has none) */
    public record Price(String id, String interval, long amountMinor, String currency, int trialDays) {
    }

    public record PricedPlan(String planId, String planName, Price price) {
    }
}
