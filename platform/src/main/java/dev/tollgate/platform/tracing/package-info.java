/**
 * Trace context on Kafka records: the W3C {@code traceparent} a sender writes as a header, so a
 * consumer's listener observation continues the trace (issue 12).
 */
package dev.tollgate.platform.tracing;
