/**
 * The event backbone's persistence half, for services that own a PostgreSQL database.
 * <ul>
 * <li>{@code outbox}: a state change and the events it causes commit in one transaction, in
 * Spring Modulith's publication table ({@code event_publication}); a relay sends them to Kafka
 * per account in commit order, deletes what the broker acknowledged, and retries what it did not.</li>
 * <li>{@code inbox}: a consumer records (consumer, event id) in the same transaction as its
 * own writes, so a redelivered event changes nothing.</li>
 * <li>{@code migration}: the platform tables above migrate with their own Flyway history, before
 * the service's own migrations.</li>
 * </ul>
 */
package dev.tollgate.platform.data;
