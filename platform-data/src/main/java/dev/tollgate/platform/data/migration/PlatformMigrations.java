package dev.tollgate.platform.data.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code classpath:db/platform} with its own history table, on the service's database and
 * Flyway settings otherwise.
 * <p>
 * Upgrading a database migrated before this split (one combined {@code flyway_schema_history}
 * holding the platform's and the service's versions): the platform history starts at the highest
 * platform version found in the combined history (a Flyway baseline), and those platform rows are
 * removed from the service's history, so neither run sees a migration it does not know. Nothing
 * else changes; it happens once, at the first start of the new release.
 */
public class PlatformMigrations {

    public static final String LOCATION = "classpath:db/platform";
    public static final String HISTORY_TABLE = "flyway_platform_history";

    private static final Logger log = LoggerFactory.getLogger(PlatformMigrations.class);

    private final Configuration service;

    public PlatformMigrations(Configuration service) {
        this.service = service;
    }

    /** Migrates the platform's tables, then the service's (with {@code serviceFlyway}, built on {@link #service}). */
    public void migrateBefore(Flyway serviceFlyway) {
        boolean serviceHistoryExisted = tableExists(service.getTable());
        migrate();
        if (serviceHistoryExisted) {
            serviceFlyway.migrate();
        } else {
            // A new database is no longer empty when the service's run starts (the platform's tables
            // are there), which Flyway refuses without a baseline; version 0 lets every service migration run.
            Flyway.configure(service.getClassLoader()).configuration(service).baselineOnMigrate(true)
                    .baselineVersion("0").baselineDescription("after the platform tables").load().migrate();
        }
    }

    void migrate() {
        if (Arrays.stream(service.getLocations()).anyMatch(location -> location.getDescriptor().equals(LOCATION)
                || location.getDescriptor().equals("db/platform"))) {
            throw new IllegalStateException("spring.flyway.locations lists " + LOCATION
                    + ": remove it; platform migrations run on their own, with their own history (" + HISTORY_TABLE + ")");
        }
        Flyway platform = Flyway.configure(service.getClassLoader()).configuration(service)
                .locations(LOCATION).table(HISTORY_TABLE).load();
        List<String> platformScripts = Arrays.stream(platform.info().all()).map(MigrationInfo::getScript).toList();
        Optional<MigrationVersion> carriedOver = platformVersionsInServiceHistory(platformScripts);
        if (carriedOver.isPresent() && !tableExists(HISTORY_TABLE)) {
            log.info("Moving platform migrations up to {} from {} to their own history {}", carriedOver.get(),
                    service.getTable(), HISTORY_TABLE);
            platform = Flyway.configure(service.getClassLoader()).configuration(platform.getConfiguration())
                    .baselineOnMigrate(true).baselineVersion(carriedOver.get())
                    .baselineDescription("platform migrations applied under " + service.getTable()).load();
        }
        platform.migrate();
        if (carriedOver.isPresent()) {
            removeFromServiceHistory(platformScripts);
        }
    }

    private Optional<MigrationVersion> platformVersionsInServiceHistory(List<String> platformScripts) {
        if (!tableExists(service.getTable())) {
            return Optional.empty();
        }
        return query("SELECT version, script FROM " + service.getTable(), rows -> {
            MigrationVersion highest = null;
            while (rows.next()) {
                if (rows.getString(1) != null && platformScripts.contains(rows.getString(2))) {
                    MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                    highest = highest == null || version.compareTo(highest) > 0 ? version : highest;
                }
            }
            return Optional.ofNullable(highest);
        });
    }

    private void removeFromServiceHistory(List<String> platformScripts) {
        try (Connection connection = service.getDataSource().getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + service.getTable() + " WHERE script = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("text", platformScripts.toArray()));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove platform migrations from " + service.getTable(), e);
        }
    }

    private boolean tableExists(String table) {
        return query("SELECT to_regclass('" + table + "') IS NOT NULL", rows -> rows.next() && rows.getBoolean(1));
    }

    private <T> T query(String sql, ResultReader<T> reader) {
        try (Connection connection = service.getDataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            return reader.read(rows);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the migration history: " + sql, e);
        }
    }

    private interface ResultReader<T> {
        T read(ResultSet rows) throws SQLException;
    }
}
