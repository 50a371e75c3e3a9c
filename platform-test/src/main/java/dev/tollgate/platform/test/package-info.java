/**
 * Real infrastructure for tests without Docker: one embedded PostgreSQL server per test JVM
 * (a fresh database per Spring context), the embedded KRaft Kafka broker that spring-kafka-test
 * starts once per JVM ({@code spring.kafka.global.embedded.enabled=true} in
 * {@code junit-platform.properties}), Stripe webhook signing and fixtures, and JSON Schema
 * contract checks.
 * <p>
 * Tests wait for positive markers, never for a fixed time: {@link dev.tollgate.platform.test.TestKafka#read}
 * returns as soon as what is expected arrived, {@link dev.tollgate.platform.test.TestKafka#readUntilMarker}
 * shows that something was not published (a later record on the same key proves the earlier ones
 * were handled), and {@link dev.tollgate.platform.test.Settled} waits until a service handled
 * everything sent to it and Kafka acknowledged everything it published.
 */
package dev.tollgate.platform.test;
