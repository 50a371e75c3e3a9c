/**
 * Transactional outbox with per-account order. A service publishes a
 * {@link dev.tollgate.platform.events.DomainEvent} with Spring's {@code ApplicationEventPublisher}
 * inside its transaction; {@link dev.tollgate.platform.data.outbox.OutboxRecorder} stores it in
 * Spring Modulith's {@code event_publication} table in that transaction (serialized by Modulith's
 * event serializer), {@link dev.tollgate.platform.data.outbox.OutboxRelay} sends each account's
 * events in commit order (JSON body and CloudEvents headers from
 * {@link dev.tollgate.platform.data.outbox.DomainEventSerializer}, key = account id, topic
 * {@code tollgate.outbox.topic}), stopping an account at its first failed send until a retry
 * succeeds, and {@link dev.tollgate.platform.data.outbox.OutboxResubmission} brings back what is
 * left after an outage or a crash, on one replica at a time (ShedLock). Why this is our own relay
 * rather than Modulith's externalizer or another outbox library: see {@code OutboxRelay}.
 * Delivery is at least once; consumers deduplicate by {@code ce_id}.
 */
package dev.tollgate.platform.data.outbox;
