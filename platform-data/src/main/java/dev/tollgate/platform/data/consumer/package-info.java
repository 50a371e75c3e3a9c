/**
 * The one consumer implementation of the platform. A service declares what it reads
 * ({@link dev.tollgate.platform.data.consumer.EventConsumer}: a consumer name, a topic and a
 * handler per logical event type); the platform registers one Kafka listener per declaration that
 * parses the CloudEvents envelope, dispatches by {@code ce_type} and runs the handler inside the
 * inbox transaction. Types a consumer does not read are skipped; an unknown version of a type it
 * does read is poison. Failures follow {@link dev.tollgate.platform.kafka.DeadLetterPolicy}.
 */
package dev.tollgate.platform.data.consumer;
