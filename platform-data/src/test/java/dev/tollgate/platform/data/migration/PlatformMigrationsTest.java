package dev.tollgate.platform.data.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.tollgate.platform.data.outbox.OutboxTestApplication.AccountChanged;
import dev.tollgate.platform.data.outbox.TestService;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.TestKafka;
import tools.jackson.databind.json.JsonMapper;

class PlatformMigrationsTest {

    @Test
    void aNewDatabaseGetsThePlatformHistoryAndTheServiceHistorySeparately() {
        Map<String, Object> database = RealInfrastructure.properties("migrations-new");
        try (var service = TestService.start(database, TestKafka.bootstrapServers(), Map.of())) {
            JdbcClient jdbc = jdbc(database);
            assertThat(versions(jdbc, PlatformMigrations.HISTORY_TABLE)).contains("0.1", "0.2", "0.3");
            assertThat(versions(jdbc, "flyway_schema_history")).contains("1").doesNotContain("0.1", "0.2", "0.3");
        }
    }

    @Test
    void aDatabaseOfTheCombinedHistoryIsUpgradedAndItsUnsentEventStillGoesOut() throws Exception {
        Map<String, Object> database = RealInfrastructure.properties("migrations-legacy");
        JdbcClient jdbc = jdbc(database);
        // The previous release: platform and service migrations in one history, Modulith's externalizer as listener.
        legacyFlyway(database).locations("classpath:db/platform", "classpath:db/outbox-test").target("0.2").load().migrate();
        legacyFlyway(database).locations("classpath:db/outbox-test").ignoreMigrationPatterns("*:missing").load().migrate();
        AccountChanged unsent = new AccountChanged(UUID.randomUUID(), "acct_legacy", Instant.now(), 1);
        jdbc.sql("""
                INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status, completion_attempts)
                VALUES (?, 'org.springframework.modulith.events.support.DelegatingEventExternalizer.externalize(java.lang.Object)',
                        ?, ?, now(), 'PUBLISHED', 1)""")
                .params(UUID.randomUUID(), AccountChanged.class.getName(), JsonMapper.builder().build().writeValueAsString(unsent))
                .update();

        try (var service = TestService.start(database, TestKafka.bootstrapServers(), Map.of())) {
            assertThat(versions(jdbc, PlatformMigrations.HISTORY_TABLE)).containsExactly("0.2", "0.3", "0.4", "0.5");
            assertThat(versions(jdbc, "flyway_schema_history")).containsExactly("1");
            await().atMost(Duration.ofSeconds(30)).until(() -> service.pending() == 0);
            assertThat(TestKafka.read(TestService.TOPIC, record -> "acct_legacy".equals(record.key()), 1,
                    Duration.ofSeconds(30))).hasSize(1);
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration legacyFlyway(Map<String, Object> database) {
        return Flyway.configure().dataSource((String) database.get("spring.datasource.url"), "postgres", "postgres");
    }

    private static List<String> versions(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT version FROM " + table + " WHERE version IS NOT NULL ORDER BY installed_rank")
                .query(String.class).list();
    }

    private static JdbcClient jdbc(Map<String, Object> database) {
        return JdbcClient.create(new DriverManagerDataSource((String) database.get("spring.datasource.url"), "postgres", "postgres"));
    }

}
