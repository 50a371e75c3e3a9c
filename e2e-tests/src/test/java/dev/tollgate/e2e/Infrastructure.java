package dev.tollgate.e2e;

import java.util.Map;

import dev.tollgate.platform.test.RealInfrastructure;

/**
 * Where the end-to-end suite's PostgreSQL and Kafka come from. By default the embedded ones of
 * platform-test (hermetic, no Docker); with {@code -Pcontainers} (system property
 * {@code tollgate.e2e.infrastructure=containers}) PostgreSQL and Kafka containers started with
 * Testcontainers, or the suite is skipped when no Docker engine is reachable
 * ({@link NeedsDockerForContainers}).
 */
interface Infrastructure extends AutoCloseable {

    String SELECTOR = "tollgate.e2e.infrastructure";

    /** Spring properties pointing {@code application} at a fresh database of its own and at the broker. */
    Map<String, Object> properties(String application);

    @Override
    void close();

    /** The infrastructure this run asked for (a class using containers also carries {@link NeedsDockerForContainers}). */
    static Infrastructure selected() {
        return wantsContainers() ? ContainerInfrastructure.start() : new Embedded();
    }

    static boolean wantsContainers() {
        String selector = System.getProperty(SELECTOR, "embedded");
        return switch (selector) {
            case "embedded" -> false;
            case "containers" -> true;
            default -> throw new IllegalArgumentException(SELECTOR + " is '" + selector + "'; use 'embedded' or 'containers'");
        };
    }

    /** The JVM's embedded PostgreSQL and Kafka broker; they live as long as the test JVM. */
    final class Embedded implements Infrastructure {

        @Override
        public Map<String, Object> properties(String application) {
            return RealInfrastructure.properties(application);
        }

        @Override
        public void close() {
        }
    }
}
