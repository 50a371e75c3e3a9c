package dev.tollgate.platform.data.migration;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

@AutoConfiguration(beforeName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass(Flyway.class)
public class PlatformMigrationConfiguration {

    /** Boot's Flyway run (the service's own migrations) goes second, after the platform's. */
    @Bean
    @ConditionalOnMissingBean
    FlywayMigrationStrategy platformMigrationsFirst() {
        return service -> new PlatformMigrations(service.getConfiguration()).migrateBefore(service);
    }
}
