/**
 * Transactional outbox on Spring Modulith. A service publishes a
 * {@link dev.tollgate.platform.events.DomainEvent} with Spring's
 * {@code ApplicationEventPublisher} inside its transaction; this package tells Modulith which
 * topic, key and CloudEvents headers each event gets, and resubmits publications that the
 * broker has not acknowledged (broker outage) at a fixed rate and at start-up (crash).
 * Consumers deduplicate by {@code ce_id}, so a resubmission that overlaps a late acknowledgement
 * is harmless.
 */
package dev.tollgate.platform.data.outbox;
