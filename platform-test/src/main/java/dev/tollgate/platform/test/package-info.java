/**
 * Real infrastructure for tests without Docker: one embedded PostgreSQL server per test JVM
 * (a fresh database per Spring context), the embedded KRaft Kafka broker that spring-kafka-test
 * starts once per JVM ({@code spring.kafka.global.embedded.enabled=true} in
 * {@code junit-platform.properties}), Stripe webhook signing and fixtures, and JSON Schema
 * contract checks.
 */
package dev.tollgate.platform.test;
