package dev.tollgate.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** One real PostgreSQL server per test JVM (zonky's embedded binaries); each caller gets its own database. */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the OS reclaims the process
                }
            }));
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL (user and password: postgres). */
    public static String newDatabase(String prefix) {
        String name = (prefix.replaceAll("[^a-zA-Z0-9]", "_") + "_" + DATABASES.incrementAndGet()).toLowerCase();
        EmbeddedPostgres postgres = server();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return postgres.getJdbcUrl("postgres", name);
    }
}
