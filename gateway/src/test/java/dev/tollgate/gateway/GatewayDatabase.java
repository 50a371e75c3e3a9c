package dev.tollgate.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.tollgate.platform.test.TestPostgres;

/** The gateway's own database (rate-limit buckets) for a test context: a fresh one on the embedded PostgreSQL. */
public final class GatewayDatabase {

    private GatewayDatabase() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        register(registry, TestPostgres.newDatabase("gateway"));
    }

    public static void register(DynamicPropertyRegistry registry, String jdbcUrl) {
        registry.add("spring.datasource.url", () -> jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
