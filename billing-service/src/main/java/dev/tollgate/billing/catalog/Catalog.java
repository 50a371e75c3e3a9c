package dev.tollgate.billing.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One product line's catalog, as its file under {@code catalogs/} says, with the Stripe price ids
 * resolved and every plan's limits filled in ({@link PlanLimits}). Immutable.
 *
 * @param version bumped by hand with every change of the file; published with the catalog
 * @param metadataFallbacks what a plan grants for a metadata key its product lacks (the document's webhook defaults)
 */
public record Catalog(String id, int version, String name, Map<String, String> metadataFallbacks, List<Product> products) {

    public Catalog {
        metadataFallbacks = metadataFallbacks == null ? Map.of() : copy(metadataFallbacks);
        products = products == null ? List.of() : List.copyOf(products);
    }

    public Optional<Product> product(String productId) {
        return products.stream().filter(p -> p.id().equals(productId)).findFirst();
    }

    public Stream<Product> plans() {
        return products.stream().filter(Product::isPlan);
    }

    /**
     * A product of the catalog: a plan (what an account subscribes to), an add-on (a recurring extra,
     * possibly per unit) or a one-time purchase.
     *
     * @param id our id; for a plan it is the plan id every service uses
     * @param kind {@code plan}, {@code addon} or {@code one_time}
     * @param stripeProductId the id 'catalog push' gives the product in Stripe
     * @param metadata Stripe's product metadata, every value a string exactly as the document gives it
     * @param limits what the plan grants by feature key ({@code -1} unlimited); empty for other kinds
     */
    public record Product(String id, String kind, String stripeProductId, String name, String description, String taxCode,
            String statementDescriptor, String unitLabel, Map<String, String> metadata, Map<String, Limit> limits,
            List<String> marketingFeatures, List<Price> prices) {

        public static final String PLAN = "plan";
        public static final String ADDON = "addon";
        public static final String ONE_TIME = "one_time";

        public Product {
            metadata = metadata == null ? Map.of() : copy(metadata);
            limits = limits == null ? Map.of() : copy(limits);
            marketingFeatures = marketingFeatures == null ? List.of() : List.copyOf(marketingFeatures);
            prices = prices == null ? List.of() : List.copyOf(prices);
        }

        @JsonIgnore
        public boolean isPlan() {
            return PLAN.equals(kind);
        }

        Product withLimits(Map<String, Limit> derived) {
            return new Product(id, kind, stripeProductId, name, description, taxCode, statementDescriptor, unitLabel, metadata,
                    derived, marketingFeatures, prices);
        }
    }

    /**
     * One Stripe price.
     *
     * @param id the Stripe price id subscriptions name (overridable per Stripe account by an environment variable)
     * @param formerIds ids this catalog used before for the same price; they still lead to it
     * @param lookupKey how 'catalog push' finds the price in a Stripe account (stable across accounts)
     * @param amountMinor the amount in the currency's minor unit (cents; whole pesos for CLP, which has none)
     * @param interval {@code month} or {@code year}; null for a one-time price
     * @param trialDays free days a new subscription on this price starts with; 0 for none
     * @param legacy kept active for existing customers only; new signups get the trial price
     * @param perUnit bought in a quantity (licensed per unit, e.g. one per sub-organization)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Price(String id, List<String> formerIds, String lookupKey, String nickname, long amountMinor,
            String currency, String interval, int trialDays, boolean legacy, boolean perUnit) {

        public Price {
            formerIds = formerIds == null ? List.of() : List.copyOf(formerIds);
        }

        @JsonIgnore
        public boolean recurring() {
            return interval != null;
        }

        @JsonIgnore
        public boolean answersTo(String priceId) {
            return id.equals(priceId) || formerIds.contains(priceId);
        }
    }

    /** A limit ({@code limit}, -1 unlimited, optionally per {@code period}) or a flag ({@code enabled}): entitlement-service's shape. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Limit(Long limit, String period, Boolean enabled) {

        public static Limit of(long limit, String period) {
            return new Limit(limit, period, null);
        }

        public static Limit flag(boolean enabled) {
            return new Limit(null, null, enabled);
        }
    }

    /** Keeps the file's order (a pricing page and a diff read better in it) and makes the map unmodifiable. */
    private static <V> Map<String, V> copy(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
