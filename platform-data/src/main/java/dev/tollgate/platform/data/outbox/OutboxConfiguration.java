package dev.tollgate.platform.data.outbox;

import org.springframework.beans.factory.ObjectProvider;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.util.Assert;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: {@link OutboxRecorder} stores each domain event in the publishing
 * transaction, {@link OutboxRelay} sends it to Kafka in account order, {@link OutboxResubmission}
 * picks up what is left. Modulith's own Kafka externalizer and its restart republication are
 * switched off in {@code tollgate-platform.yml}: they would send the same rows unordered.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.modulith.events.config.EventPublicationAutoConfiguration" })
@EnableScheduling
@EnableConfigurationProperties(OutboxSettings.class)
public class OutboxConfiguration {

    public static final String PENDING_METRIC = "tollgate.outbox.pending";
    public static final String OLDEST_PENDING_AGE_METRIC = "tollgate.outbox.oldest.pending.age";

    @Bean
    DomainEventSerializer domainEventSerializer(JsonMapper json, OutboxSettings settings) {
        Assert.hasText(settings.source(), "tollgate.outbox.source must name this service");
        return new DomainEventSerializer(json, settings.source());
    }

    /** Micrometer Tracing's tracer and W3C propagator when tracing is on; without them events carry no trace. */
    @Bean
    OutboxTraceContext outboxTraceContext(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new OutboxTraceContext(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    OutboxRelay outboxRelay(DataSource dataSource, KafkaOperations<Object, Object> kafka, EventSerializer events,
            DomainEventSerializer wire, OutboxSettings settings, MeterRegistry meters) {
        return new OutboxRelay(dataSource, kafka, events, wire, settings, meters);
    }

    @Bean
    OutboxRecorder outboxRecorder(JdbcClient jdbc, EventSerializer events, OutboxRelay relay, OutboxSettings settings,
            OutboxTraceContext traces) {
        return new OutboxRecorder(jdbc, events, relay, settings, traces);
    }

    /** ShedLock over JDBC, with the database's clock so replicas' clock drift does not matter. */
    @Bean
    LockingTaskExecutor outboxLocks(JdbcTemplate jdbc) {
        return new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc).withTableName("shedlock").usingDbTime().build()));
    }

    @Bean
    OutboxResubmission outboxResubmission(JdbcClient jdbc, OutboxRelay relay, LockingTaskExecutor outboxLocks,
            OutboxSettings settings) {
        return new OutboxResubmission(jdbc, relay, outboxLocks, settings);
    }

    @Bean
    SchedulingConfigurer outboxResubmissionSchedule(OutboxResubmission resubmission, OutboxSettings settings) {
        return registrar -> registrar.addFixedDelayTask(resubmission::sweepOnOneReplica, settings.resubmitInterval());
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> outboxRepublishOnStart(OutboxResubmission resubmission) {
        return ready -> resubmission.republishOutstanding();
    }

    /**
     * Events committed but not yet acknowledged by Kafka, and how long the oldest has waited: zero
     * in a healthy service; growing while the broker is away or an account's send keeps failing.
     */
    @Bean
    MeterBinder outboxGauges(JdbcClient jdbc) {
        return registry -> {
            Gauge.builder(PENDING_METRIC, () -> jdbc
                            .sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL").query(Long.class).single())
                    .description("Domain events stored by the outbox and not yet acknowledged by Kafka")
                    .register(registry);
            Gauge.builder(OLDEST_PENDING_AGE_METRIC, () -> jdbc.sql("""
                            SELECT COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(publication_date)), 0)
                            FROM event_publication WHERE completion_date IS NULL""").query(Double.class).single())
                    .description("Age of the oldest domain event the outbox still owes Kafka")
                    .baseUnit("seconds")
                    .register(registry);
        };
    }
}
