/**
 * The event envelope. Every Kafka record carries CloudEvents 1.0 attributes as {@code ce_*}
 * headers (binary content mode) and a JSON body. Type names are logical and versioned
 * ({@code subscription.activated.v1}); a Java class name never reaches the wire, so producers
 * and consumers can be refactored independently.
 */
package dev.tollgate.platform.events;
