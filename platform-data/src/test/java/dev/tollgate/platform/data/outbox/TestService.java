package dev.tollgate.platform.data.outbox;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.platform.data.outbox.OutboxTestApplication.AccountService;
import io.micrometer.core.instrument.MeterRegistry;

/** One running instance (replica) of the miniature service. */
public final class TestService implements AutoCloseable {

    public static final String TOPIC = "tollgate.outbox-test.events";

    private final ConfigurableApplicationContext context;

    private TestService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts an instance against {@code database} (from {@code RealInfrastructure.properties}) and {@code bootstrapServers}. */
    public static TestService start(Map<String, Object> database, String bootstrapServers, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("spring.config.name", OutboxTestApplication.CONFIG_NAME);
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        properties.put("spring.kafka.admin.operation-timeout", "2s");
        properties.put("tollgate.outbox.resubmit-interval", "500ms");
        properties.put("tollgate.outbox.resubmit-after", "1s");
        properties.put("tollgate.outbox.retry-backoff", "100ms");
        properties.put("tollgate.outbox.max-retry-backoff", "1s");
        properties.put("spring.kafka.producer.properties.max.block.ms", "1000");
        properties.put("spring.kafka.producer.properties.request.timeout.ms", "1000");
        properties.put("spring.kafka.producer.properties.delivery.timeout.ms", "2000");
        properties.putAll(overrides);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new TestService(new SpringApplicationBuilder(OutboxTestApplication.class).run(args));
    }

    long change(String account) {
        return context.getBean(AccountService.class).change(account);
    }

    OutboxRelay relay() {
        return context.getBean(OutboxRelay.class);
    }

    DataSource dataSource() {
        return context.getBean(DataSource.class);
    }

    JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    public long pending() {
        return jdbc().sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL").query(Long.class).single();
    }

    double meter(String name) {
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        var meter = meters.find(name);
        return meter.gauge() != null ? meter.gauge().value() : meter.counter().count();
    }

    @Override
    public void close() {
        context.close();
    }
}
