package dev.tollgate.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL and Kafka in containers, started with Testcontainers (the library the design names
 * for this, so we do not script {@code docker run} ourselves): the same images a deployment
 * runs, one database per service on one PostgreSQL server, one KRaft broker. Images can be
 * changed with {@code -Dtollgate.e2e.postgres-image=...} and {@code -Dtollgate.e2e.kafka-image=...}.
 */
final class ContainerInfrastructure implements Infrastructure {

    static final String POSTGRES_IMAGE = System.getProperty("tollgate.e2e.postgres-image", "postgres:17-alpine");
    static final String KAFKA_IMAGE = System.getProperty("tollgate.e2e.kafka-image", "apache/kafka:4.1.2");

    private final AtomicInteger databases = new AtomicInteger();
    private final PostgreSQLContainer postgres;
    private final KafkaContainer kafka;

    private ContainerInfrastructure(PostgreSQLContainer postgres, KafkaContainer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Starts both containers; {@link NeedsDockerForContainers} has made sure a Docker engine answers. */
    static ContainerInfrastructure start() {
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE);
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        postgres.start();
        kafka.start();
        return new ContainerInfrastructure(postgres, kafka);
    }

    @Override
    public Map<String, Object> properties(String application) {
        String database = (application.replaceAll("[^a-zA-Z0-9]", "_") + "_" + databases.incrementAndGet()).toLowerCase();
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
                postgres.getPassword()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + " in the PostgreSQL container", e);
        }
        String url = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
                + "/" + database;
        return Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", postgres.getUsername(),
                "spring.datasource.password", postgres.getPassword(),
                "spring.kafka.bootstrap-servers", kafka.getBootstrapServers());
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
