package dev.tollgate.stripe.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns billing's catalog files ({@code billing-service/src/main/resources/catalogs/*.yml}) into
 * Stripe products and prices, so a checkout's line items resolve to amounts and currencies as they
 * would in a Stripe account after {@code catalog push}. Each price is known by its id and its lookup key.
 */
final class PriceBook {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)(?::([^}]*))?}");

    private PriceBook() {
    }

    static void load(Path file, StripeState state) {
        try (InputStream in = Files.newInputStream(file)) {
            load(in, state);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the catalog " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static void load(InputStream in, StripeState state) throws IOException {
        String text = resolve(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        Map<String, Object> catalog = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        for (Map<String, Object> product : (List<Map<String, Object>>) catalog.getOrDefault("products", List.of())) {
            String productId = String.valueOf(product.getOrDefault("stripeProductId", "prod_" + product.get("id")));
            ObjectNode stripeProduct = JsonNodeFactory.instance.objectNode();
            stripeProduct.put("id", productId).put("object", "product").put("active", true)
                    .put("name", String.valueOf(product.get("name"))).put("livemode", false);
            ObjectNode metadata = stripeProduct.putObject("metadata");
            ((Map<String, Object>) product.getOrDefault("metadata", Map.of())).forEach((k, v) -> metadata.put(k, String.valueOf(v)));
            state.putProduct(stripeProduct);
            for (Map<String, Object> price : (List<Map<String, Object>>) product.getOrDefault("prices", List.of())) {
                ObjectNode stripePrice = JsonNodeFactory.instance.objectNode();
                stripePrice.put("id", String.valueOf(price.get("id"))).put("object", "price").put("active", true)
                        .put("currency", String.valueOf(price.get("currency")).toLowerCase())
                        .put("unit_amount", ((Number) price.get("amountMinor")).longValue())
                        .put("lookup_key", String.valueOf(price.get("lookupKey"))).put("product", productId)
                        .put("livemode", false).put("billing_scheme", "per_unit");
                if (price.get("nickname") != null) {
                    stripePrice.put("nickname", String.valueOf(price.get("nickname")));
                }
                stripePrice.putObject("metadata");
                Object interval = price.get("interval");
                if (interval != null) {
                    stripePrice.put("type", "recurring");
                    stripePrice.putObject("recurring").put("interval", String.valueOf(interval)).put("interval_count", 1)
                            .put("usage_type", "licensed");
                } else {
                    stripePrice.put("type", "one_time");
                    stripePrice.putNull("recurring");
                }
                state.putPrice(stripePrice);
            }
        }
    }

    /** {@code ${ENV:default}} as billing resolves it: the environment variable, else the default. */
    private static String resolve(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = System.getenv(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
