package dev.tollgate.billing.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a catalog file ({@code catalogs/<name>.yml} on the classpath) and checks it. Used by the
 * service (placeholders resolved by Spring's environment) and by the {@code catalog} command
 * (placeholders resolved from the process environment), so both see the same catalog.
 */
public final class CatalogFiles {

    /** The catalogs shipped with billing-service. */
    public static final List<String> SHIPPED = List.of("community-edition", "l4yercak3");
    public static final String DEFAULT = "community-edition";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Set<String> KINDS = Set.of(Catalog.Product.PLAN, Catalog.Product.ADDON, Catalog.Product.ONE_TIME);
    private static final Set<String> INTERVALS = Set.of("month", "year");
    private static final Pattern CURRENCY = Pattern.compile("[a-z]{3}");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private CatalogFiles() {
    }

    /**
     * @param placeholders resolves {@code ${VARIABLE:default}} in the file's text
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static Catalog load(String name, UnaryOperator<String> placeholders) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("TOLLGATE_CATALOG must name a catalog file (one of " + SHIPPED + "), not '" + name + "'");
        }
        String resource = "catalogs/" + name + ".yml";
        String text;
        try (InputStream in = CatalogFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no catalog '" + name + "' (" + resource + "); shipped: " + SHIPPED);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(placeholders.apply(text));
        Catalog raw;
        try {
            raw = JSON.convertValue(tree, Catalog.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(resource + " is not a catalog: " + e.getMessage(), e);
        }
        return check(resource, withLimits(raw));
    }

    /** Plans without explicit limits get them from their metadata and the catalog's fallbacks. */
    private static Catalog withLimits(Catalog catalog) {
        List<Catalog.Product> products = new ArrayList<>();
        for (Catalog.Product product : catalog.products()) {
            products.add(product.isPlan() && product.limits().isEmpty()
                    ? product.withLimits(PlanLimits.fromMetadata(product.metadata(), catalog.metadataFallbacks()))
                    : product);
        }
        return new Catalog(catalog.id(), catalog.version(), catalog.name(), catalog.metadataFallbacks(), products);
    }

    private static Catalog check(String resource, Catalog catalog) {
        List<String> problems = new ArrayList<>();
        if (catalog.id() == null || !NAME.matcher(catalog.id()).matches()) {
            problems.add("'id' must be a lower-case name");
        }
        if (catalog.version() < 1) {
            problems.add("'version' must be 1 or more");
        }
        Set<String> productIds = new HashSet<>();
        Set<String> priceIds = new HashSet<>();
        Set<String> lookupKeys = new HashSet<>();
        for (Catalog.Product product : catalog.products()) {
            String where = "product '" + product.id() + "'";
            if (product.id() == null || !productIds.add(product.id())) {
                problems.add(where + ": missing or repeated id");
            }
            if (!KINDS.contains(product.kind())) {
                problems.add(where + ": kind must be one of " + KINDS);
            }
            if (product.name() == null || product.stripeProductId() == null) {
                problems.add(where + ": needs a name and a stripeProductId");
            }
            if (product.statementDescriptor() != null && product.statementDescriptor().length() > 22) {
                problems.add(where + ": Stripe's statement descriptor holds at most 22 characters");
            }
            if (product.prices().isEmpty()) {
                problems.add(where + ": has no price");
            }
            for (Catalog.Price price : product.prices()) {
                String at = where + " price '" + price.lookupKey() + "'";
                for (String id : concat(price.id(), price.formerIds())) {
                    if (id == null || id.isBlank() || !priceIds.add(id)) {
                        problems.add(at + ": missing or repeated price id '" + id + "'");
                    }
                }
                if (price.lookupKey() == null || !lookupKeys.add(price.lookupKey())) {
                    problems.add(at + ": missing or repeated lookupKey");
                }
                if (price.amountMinor() <= 0) {
                    problems.add(at + ": amountMinor must be positive");
                }
                if (price.currency() == null || !CURRENCY.matcher(price.currency()).matches()) {
                    problems.add(at + ": currency must be a lower-case ISO code");
                }
                if (price.interval() != null && !INTERVALS.contains(price.interval())) {
                    problems.add(at + ": interval must be one of " + INTERVALS + " or absent (one-time)");
                }
                if ((price.interval() == null) != Catalog.Product.ONE_TIME.equals(product.kind())) {
                    problems.add(at + ": one-time products, and only they, have prices without an interval");
                }
                if (price.trialDays() < 0 || (price.legacy() && price.trialDays() > 0)) {
                    problems.add(at + ": trialDays must be 0 or more, and 0 on a legacy price");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(resource + ": " + String.join("; ", problems));
        }
        return catalog;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** The environment of this process, for the command line: {@code ${NAME:default}} takes {@code NAME} or the default. */
    public static UnaryOperator<String> fromEnvironment(Map<String, String> environment) {
        Pattern placeholder = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)(?::([^}]*))?}");
        return text -> placeholder.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(
                environment.getOrDefault(match.group(1), match.group(2) == null ? "" : match.group(2))));
    }
}
