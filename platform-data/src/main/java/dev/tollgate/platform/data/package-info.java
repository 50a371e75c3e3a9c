/**
 * The event backbone's persistence half, for services that own a PostgreSQL database.
 * <ul>
 * <li>{@code outbox}: a state change and the events it causes commit in one transaction.
 * We use Spring Modulith's event publication registry rather than a hand-written outbox table:
 * it records each published {@link dev.tollgate.platform.events.DomainEvent} in
 * {@code event_publication} inside the caller's transaction, externalizes it to Kafka after
 * commit, marks it complete only once the broker acknowledged it, and lets us resubmit the
 * incomplete ones after a crash or a broker outage.</li>
 * <li>{@code inbox}: a consumer records (consumer, event id) in the same transaction as its
 * own writes, so a redelivered event changes nothing.</li>
 * </ul>
 */
package dev.tollgate.platform.data;
