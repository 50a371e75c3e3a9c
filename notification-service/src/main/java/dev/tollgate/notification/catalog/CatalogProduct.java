package dev.tollgate.notification.catalog;

import java.util.Map;

/**
 * One product of the current catalog as the mails use it.
 *
 * @param limits a plan's limits by feature key, each {@code {"limit": n, "period": "month"}} (-1 unlimited) or
 *        {@code {"enabled": true}}; empty for other products
 * @param metadata Stripe's metadata, every value a string (e.g. {@code tokens_included})
 */
public record CatalogProduct(String id, String name, Map<String, Map<String, Object>> limits, Map<String, String> metadata) {
}
