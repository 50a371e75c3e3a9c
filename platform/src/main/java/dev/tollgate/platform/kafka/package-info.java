/**
 * Kafka plumbing shared by all consumers and producers: the topics (declared by
 * {@code TopicConfiguration} so a fresh broker has them with the partitions, replicas and
 * {@code min.insync.replicas} of {@code TopicSettings}: production defaults, one replica only
 * under the {@code local} profile and in tests), plain-string record headers, and the consumer
 * failure policy ({@link dev.tollgate.platform.kafka.DeadLetterPolicy}): a poison record goes to
 * {@code <topic>.dlt} at once; a transiently failing one is retried with exponential back-off
 * while its partition is held, for hours, then dead-lettered. Dead letters are counted in
 * {@code tollgate.events.dead.lettered} once the dead-letter topic acknowledged them; held
 * partitions show in {@code tollgate.events.retrying} and the {@code eventConsumers} health
 * component. A record is never skipped silently.
 */
package dev.tollgate.platform.kafka;
