package dev.tollgate.billing.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the catalog at start-up when its content differs from the one last published, through
 * the outbox (the row recording it and the event commit together). Replicas starting together
 * publish it once: the row's upsert only changes when the content does, and the loser of the race
 * waits on the row and then finds it equal. The event id is derived from the content, so even a
 * second publication of the same catalog is dropped by consumers' inboxes.
 */
@Component
class CatalogPublisher {

    private static final Logger log = LoggerFactory.getLogger(CatalogPublisher.class);

    private final PlanCatalog catalog;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    CatalogPublisher(PlanCatalog catalog, JdbcClient jdbc, ApplicationEventPublisher events, JsonMapper json) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.events = events;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void publishIfChanged() {
        publish().ifPresentOrElse(
                published -> log.info("Published catalog {} v{} ({})", published.catalogId(), published.version(), published.contentHash()),
                () -> log.debug("Catalog {} unchanged since its last publication", catalog.catalog().id()));
    }

    /** The event published, or empty when this content is already the published one. */
    @Transactional
    public Optional<CatalogPublished> publish() {
        Catalog current = catalog.catalog();
        String hash = hash(current);
        Optional<Integer> lastVersion = jdbc.sql("SELECT version FROM published_catalog WHERE topic_key = ? AND catalog_id = ?")
                .params(CatalogPublished.KEY, current.id()).query(Integer.class).optional();
        int changed = jdbc.sql("""
                INSERT INTO published_catalog (topic_key, catalog_id, version, content_hash, published_at)
                VALUES (?, ?, ?, ?, clock_timestamp())
                ON CONFLICT (topic_key) DO UPDATE SET catalog_id = EXCLUDED.catalog_id, version = EXCLUDED.version,
                    content_hash = EXCLUDED.content_hash, published_at = EXCLUDED.published_at
                WHERE published_catalog.content_hash <> EXCLUDED.content_hash""")
                .params(CatalogPublished.KEY, current.id(), current.version(), hash).update();
        if (changed == 0) {
            return Optional.empty();
        }
        if (lastVersion.filter(v -> v >= current.version()).isPresent()) {
            log.warn("Catalog {} changed without a new version (still v{}); bump 'version' in its file", current.id(),
                    current.version());
        }
        CatalogPublished event = new CatalogPublished(
                UUID.nameUUIDFromBytes(("catalog.published:" + current.id() + ":" + hash).getBytes(StandardCharsets.UTF_8)),
                CatalogPublished.KEY, Instant.now(), current.id(), current.version(), hash, current.name(), current.products());
        events.publishEvent(event);
        return Optional.of(event);
    }

    private String hash(Catalog current) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(current));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
