/** Idempotent consumption: at-least-once delivery from Kafka, exactly-once effect in our database. */
package dev.tollgate.platform.data.inbox;
