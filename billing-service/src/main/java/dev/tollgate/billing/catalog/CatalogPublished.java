package dev.tollgate.billing.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;
import dev.tollgate.platform.events.Topics;

/**
 * The deployment's whole catalog, so other services learn plans, limits and prices from billing
 * instead of keeping a copy. Sent to the compacted {@code tollgate.catalog} with the fixed key
 * {@code catalog} ({@link #KEY}): the topic always holds exactly the current catalog.
 *
 * @param catalogId the product line ({@code community-edition}, {@code l4yercak3})
 * @param version the catalog file's version
 * @param contentHash SHA-256 of the catalog's content; the same content is never published twice
 * @param products every product with its metadata, limits (plans), marketing features and prices
 */
@EventType(name = "catalog.published", version = 1, topic = Topics.CATALOG)
public record CatalogPublished(UUID eventId, String accountId, Instant occurredAt, String catalogId, int version,
        String contentHash, String name, List<Catalog.Product> products) implements DomainEvent {

    /** The record key (and {@code accountId}) of every catalog event: not an account, the one catalog. */
    public static final String KEY = "catalog";
}
