/**
 * Kafka plumbing shared by all consumers and producers: the topics (declared by
 * {@code TopicConfiguration} so a fresh broker has them with the partitions, replicas and
 * {@code min.insync.replicas} of {@code TopicSettings}: production defaults, one replica only
 * under the {@code local} profile and in tests), plain-string record headers, and the dead-letter
 * policy: a failing record is retried a few times, then published to {@code <topic>.dlt} with the
 * failure in its headers and counted in {@code tollgate.events.dead.lettered}. A record is never
 * skipped silently.
 */
package dev.tollgate.platform.kafka;
