package dev.tollgate.billing.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plan's limits from its Stripe product metadata, as the document's webhook handler reads them:
 * a key the product lacks takes the catalog's fallback (e.g. {@code max_users} 1); an integer value
 * is a limit ({@code -1} unlimited), {@code true}/{@code false} a flag. Counts per month, day or
 * minute carry that period. A fractional gigabyte value ({@code storage_gb} 0.25) becomes whole
 * megabytes ({@code storage_mb} 256), since limits are integers on the wire. Values that are neither
 * ({@code plan_tier}, {@code white_label_level}) stay in the metadata only.
 */
final class PlanLimits {

    private PlanLimits() {
    }

    static Map<String, Catalog.Limit> fromMetadata(Map<String, String> metadata, Map<String, String> fallbacks) {
        Map<String, String> effective = new LinkedHashMap<>(metadata);
        fallbacks.forEach(effective::putIfAbsent);
        Map<String, Catalog.Limit> limits = new LinkedHashMap<>();
        effective.forEach((key, value) -> {
            String text = value == null ? "" : value.trim();
            if (text.equals("true") || text.equals("false")) {
                limits.put(flagKey(key), Catalog.Limit.flag(Boolean.parseBoolean(text)));
                return;
            }
            BigDecimal number;
            try {
                number = new BigDecimal(text);
            } catch (NumberFormatException notANumber) {
                return;
            }
            if (number.stripTrailingZeros().scale() <= 0) {
                limits.put(key, Catalog.Limit.of(number.longValueExact(), periodOf(key)));
            } else if (key.endsWith("_gb")) {
                limits.put(key.substring(0, key.length() - 3) + "_mb",
                        Catalog.Limit.of(number.multiply(BigDecimal.valueOf(1024)).setScale(0, java.math.RoundingMode.DOWN)
                                .longValueExact(), periodOf(key)));
            }
        });
        return limits;
    }

    /** Community access is one entitlement whichever way a product names it (community-service reads {@code community_access}). */
    private static String flagKey(String key) {
        return key.equals("community_access_included") ? "community_access" : key;
    }

    private static String periodOf(String key) {
        if (key.endsWith("_per_month") || key.contains("_monthly_")) {
            return "month";
        }
        if (key.endsWith("_per_day")) {
            return "day";
        }
        if (key.endsWith("_per_minute")) {
            return "minute";
        }
        return null;
    }
}
