package dev.tollgate.platform.test;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at a fresh database on the shared embedded PostgreSQL and at the
 * JVM's global embedded Kafka broker. Use with
 * {@code @ContextConfiguration(initializers = RealInfrastructure.class)}.
 */
public class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String application = context.getEnvironment().getProperty("spring.application.name", "tollgate");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("tollgate-test-infrastructure",
                properties(application)));
    }

    public static Map<String, Object> properties(String application) {
        return Map.of(
                "spring.datasource.url", TestPostgres.newDatabase(application),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres",
                "spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
    }
}
