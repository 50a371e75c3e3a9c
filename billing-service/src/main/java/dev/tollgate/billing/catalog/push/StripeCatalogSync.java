package dev.tollgate.billing.catalog.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.net.RequestOptions;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.ProductUpdateParams;

import dev.tollgate.billing.catalog.Catalog;

/**
 * Compares a catalog with a Stripe account ({@link #diff()}) and makes the account match it
 * ({@link #push()}). Products are found by their id, prices by lookup key, so running it twice
 * changes nothing the second time. A price whose amount, currency, interval, trial or product
 * changed cannot be edited in Stripe: a new price is created that takes over the lookup key
 * ({@code transfer_lookup_key}), and the old one stays active for the subscriptions on it. Every
 * write carries an idempotency key derived from what it writes, so a retried push never creates
 * a second price. Product and price metadata Stripe holds beyond the catalog's is left alone.
 */
public final class StripeCatalogSync {

    /** Stripe keeps at most this many marketing features per product; the catalog (and the pricing page) may list more. */
    public static final int STRIPE_MARKETING_FEATURES = 15;

    private final StripeClient stripe;
    private final Catalog catalog;

    public StripeCatalogSync(StripeClient stripe, Catalog catalog) {
        this.stripe = stripe;
        this.catalog = catalog;
    }

    /** What {@link #push()} would change; reads only. */
    public List<CatalogChange> diff() throws StripeException {
        return run(false);
    }

    /** Changes the account to match the catalog and returns what it changed. */
    public List<CatalogChange> push() throws StripeException {
        return run(true);
    }

    private List<CatalogChange> run(boolean write) throws StripeException {
        List<CatalogChange> changes = new ArrayList<>();
        for (Catalog.Product product : catalog.products()) {
            Optional<Product> held = product(product.stripeProductId());
            if (held.isEmpty()) {
                changes.add(new CatalogChange(CatalogChange.Action.CREATE_PRODUCT, product.stripeProductId(), product.name()));
                if (write) {
                    createProduct(product);
                }
            } else {
                List<String> differences = productDifferences(product, held.get());
                if (!differences.isEmpty()) {
                    changes.add(new CatalogChange(CatalogChange.Action.UPDATE_PRODUCT, product.stripeProductId(),
                            String.join(", ", differences)));
                    if (write) {
                        updateProduct(product);
                    }
                }
            }
            for (Catalog.Price price : product.prices()) {
                Optional<Price> current = held.isEmpty() ? Optional.empty() : price(price.lookupKey());
                if (current.isEmpty()) {
                    changes.add(new CatalogChange(CatalogChange.Action.CREATE_PRICE, price.lookupKey(), describe(price)));
                    if (write) {
                        createPrice(product, price, false);
                    }
                    continue;
                }
                List<String> fixed = fixedDifferences(product, price, current.get());
                if (!fixed.isEmpty()) {
                    changes.add(new CatalogChange(CatalogChange.Action.REPLACE_PRICE, price.lookupKey(),
                            String.join(", ", fixed) + " (old " + current.get().getId() + ")"));
                    if (write) {
                        createPrice(product, price, true);
                    }
                    continue;
                }
                List<String> editable = editableDifferences(product, price, current.get());
                if (!editable.isEmpty()) {
                    changes.add(new CatalogChange(CatalogChange.Action.UPDATE_PRICE, price.lookupKey(), String.join(", ", editable)));
                    if (write) {
                        updatePrice(product, price, current.get().getId());
                    }
                }
            }
        }
        return changes;
    }

    private Optional<Product> product(String id) throws StripeException {
        try {
            return Optional.of(stripe.v1().products().retrieve(id));
        } catch (com.stripe.exception.InvalidRequestException e) {
            if (Objects.equals(e.getStatusCode(), 404)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<Price> price(String lookupKey) throws StripeException {
        return stripe.v1().prices().list(PriceListParams.builder().addLookupKey(lookupKey).setLimit(1L).build())
                .getData().stream().findFirst();
    }

    private static List<String> productDifferences(Catalog.Product wanted, Product held) {
        List<String> differences = new ArrayList<>();
        differ(differences, "name", wanted.name(), held.getName());
        differ(differences, "description", wanted.description(), held.getDescription());
        differ(differences, "tax_code", wanted.taxCode(), held.getTaxCode());
        differ(differences, "statement_descriptor", wanted.statementDescriptor(), held.getStatementDescriptor());
        differ(differences, "unit_label", wanted.unitLabel(), held.getUnitLabel());
        Map<String, String> heldMetadata = held.getMetadata() == null ? Map.of() : held.getMetadata();
        wanted.metadata().forEach((key, value) -> differ(differences, "metadata." + key, value, heldMetadata.get(key)));
        List<String> heldFeatures = held.getMarketingFeatures() == null ? List.of()
                : held.getMarketingFeatures().stream().map(Product.MarketingFeature::getName).toList();
        if (!stripeFeatures(wanted).equals(heldFeatures)) {
            differences.add("marketing_features");
        }
        if (Boolean.FALSE.equals(held.getActive())) {
            differences.add("active: false -> true");
        }
        return differences;
    }

    private static List<String> fixedDifferences(Catalog.Product product, Catalog.Price wanted, Price held) {
        List<String> differences = new ArrayList<>();
        differ(differences, "product", product.stripeProductId(), held.getProduct());
        differ(differences, "unit_amount", wanted.amountMinor(), held.getUnitAmount());
        differ(differences, "currency", wanted.currency(), held.getCurrency());
        Price.Recurring recurring = held.getRecurring();
        differ(differences, "interval", wanted.interval(), recurring == null ? null : recurring.getInterval());
        if (wanted.recurring()) {
            long heldTrial = recurring == null || recurring.getTrialPeriodDays() == null ? 0 : recurring.getTrialPeriodDays();
            differ(differences, "trial_period_days", (long) wanted.trialDays(), heldTrial);
        }
        return differences;
    }

    private List<String> editableDifferences(Catalog.Product product, Catalog.Price wanted, Price held) {
        List<String> differences = new ArrayList<>();
        differ(differences, "nickname", wanted.nickname(), held.getNickname());
        Map<String, String> heldMetadata = held.getMetadata() == null ? Map.of() : held.getMetadata();
        priceMetadata(product, wanted).forEach((key, value) -> differ(differences, "metadata." + key, value, heldMetadata.get(key)));
        if (Boolean.FALSE.equals(held.getActive())) {
            differences.add("active: false -> true");
        }
        return differences;
    }

    /** The marketing features Stripe can hold: the catalog's first 15 (Stripe refuses a product with more). */
    static List<String> stripeFeatures(Catalog.Product product) {
        List<String> all = product.marketingFeatures();
        return all.size() <= STRIPE_MARKETING_FEATURES ? all : all.subList(0, STRIPE_MARKETING_FEATURES);
    }

    /** Products whose marketing features Stripe cannot hold in full, for the person running the command. */
    public List<String> warnings() {
        return catalog.products().stream().filter(p -> p.marketingFeatures().size() > STRIPE_MARKETING_FEATURES)
                .map(p -> p.stripeProductId() + " lists " + p.marketingFeatures().size() + " marketing features; Stripe keeps "
                        + STRIPE_MARKETING_FEATURES + ", so the first " + STRIPE_MARKETING_FEATURES
                        + " are pushed (the pricing page, GET /api/catalog, shows all)")
                .toList();
    }

    private static void differ(List<String> differences, String field, Object wanted, Object held) {
        if (!Objects.equals(wanted, held)) {
            differences.add(field + ": " + held + " -> " + wanted);
        }
    }

    private void createProduct(Catalog.Product product) throws StripeException {
        ProductCreateParams.Builder params = ProductCreateParams.builder().setId(product.stripeProductId()).setName(product.name())
                .setDescription(product.description()).setTaxCode(product.taxCode())
                .setStatementDescriptor(product.statementDescriptor()).setUnitLabel(product.unitLabel())
                .putAllMetadata(product.metadata());
        stripeFeatures(product).forEach(feature -> params.addMarketingFeature(
                ProductCreateParams.MarketingFeature.builder().setName(feature).build()));
        stripe.v1().products().create(params.build(), idempotent("product.create", product.stripeProductId(), product));
    }

    private void updateProduct(Catalog.Product product) throws StripeException {
        ProductUpdateParams.Builder params = ProductUpdateParams.builder().setName(product.name()).setActive(true)
                .setDescription(product.description()).setTaxCode(product.taxCode())
                .setStatementDescriptor(product.statementDescriptor()).setUnitLabel(product.unitLabel())
                .putAllMetadata(product.metadata());
        stripeFeatures(product).forEach(feature -> params.addMarketingFeature(
                ProductUpdateParams.MarketingFeature.builder().setName(feature).build()));
        stripe.v1().products().update(product.stripeProductId(), params.build(),
                idempotent("product.update", product.stripeProductId(), product));
    }

    private void createPrice(Catalog.Product product, Catalog.Price price, boolean transferLookupKey) throws StripeException {
        PriceCreateParams.Builder params = PriceCreateParams.builder().setProduct(product.stripeProductId())
                .setCurrency(price.currency()).setUnitAmount(price.amountMinor()).setLookupKey(price.lookupKey())
                .setNickname(price.nickname()).putAllMetadata(priceMetadata(product, price));
        if (price.recurring()) {
            PriceCreateParams.Recurring.Builder recurring = PriceCreateParams.Recurring.builder()
                    .setInterval(PriceCreateParams.Recurring.Interval.valueOf(price.interval().toUpperCase(java.util.Locale.ROOT)))
                    .setUsageType(PriceCreateParams.Recurring.UsageType.LICENSED);
            if (price.trialDays() > 0) {
                recurring.setTrialPeriodDays((long) price.trialDays());
            }
            params.setRecurring(recurring.build());
        }
        if (transferLookupKey) {
            params.setTransferLookupKey(true);
        }
        stripe.v1().prices().create(params.build(), idempotent("price.create", price.lookupKey(), List.of(product.stripeProductId(), price)));
    }

    private void updatePrice(Catalog.Product product, Catalog.Price price, String heldId) throws StripeException {
        stripe.v1().prices().update(heldId, PriceUpdateParams.builder().setNickname(price.nickname()).setActive(true)
                .putAllMetadata(priceMetadata(product, price)).build(), idempotent("price.update", heldId, price));
    }

    /**
     * What a price carries for webhooks to read without expanding its product: which catalog product
     * it buys, whether it is legacy, and the add-on type (the document's handler finds the
     * sub-organization item by {@code price.metadata.addon_type}).
     */
    private Map<String, String> priceMetadata(Catalog.Product product, Catalog.Price price) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("tollgate_catalog", catalog.id());
        metadata.put("tollgate_product", product.id());
        metadata.put("legacy", String.valueOf(price.legacy()));
        if (product.metadata().containsKey("addon_type")) {
            metadata.put("addon_type", product.metadata().get("addon_type"));
        }
        return metadata;
    }

    /** The same write of the same content has the same key, so Stripe answers a retry with the first result. */
    private static RequestOptions idempotent(String operation, String target, Object content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((operation + "|" + target + "|" + content).getBytes(StandardCharsets.UTF_8));
            return RequestOptions.builder().setIdempotencyKey("tollgate-catalog-" + HexFormat.of().formatHex(digest, 0, 16)).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Catalog.Price price) {
        return price.amountMinor() + " " + price.currency() + (price.recurring() ? " per " + price.interval() : " once")
                + (price.trialDays() > 0 ? ", " + price.trialDays() + "-day trial" : "") + (price.legacy() ? ", legacy" : "")
                + (price.perUnit() ? ", per unit" : "");
    }
}
