package dev.tollgate.subscription.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.data.outbox.OutboxConfiguration;
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.FreePorts;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.StandaloneKafka;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.subscription.SubscriptionApplication;
import dev.tollgate.subscription.api.Subscriptions;
import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;
import io.micrometer.core.instrument.MeterRegistry;

/** The transactional outbox: a broker outage neither blocks nor loses a state change's event. */
@SpringBootTest(classes = SubscriptionApplication.class, properties = {
        "spring.config.name=" + SubscriptionApplication.CONFIG_NAME,
        "tollgate.outbox.resubmit-interval=1s", "tollgate.outbox.resubmit-after=1s",
        "spring.kafka.admin.operation-timeout=2s",
        "spring.kafka.producer.properties.max.block.ms=1500",
        "spring.kafka.producer.properties.request.timeout.ms=1500",
        "spring.kafka.producer.properties.delivery.timeout.ms=3000" })
@ContextConfiguration(initializers = OutboxSurvivesBrokerOutageTest.BrokerThatIsDown.class)
class OutboxSurvivesBrokerOutageTest {

    static final StandaloneKafka KAFKA = new StandaloneKafka(FreePorts.next(), tempDir());

    @Autowired
    SubscriptionRecorder recorder;
    @Autowired
    Subscriptions subscriptions;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Inbox inbox;
    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void stopBroker() {
        KAFKA.stop();
    }

    @Test
    void aStateChangeCommitsWhileKafkaIsDownAndItsEventReachesTheConsumerOnceKafkaReturns() {
        SubscriptionState trial = new SubscriptionState("sub_outage", "acct_outage", "community", SubscriptionStatus.TRIALING,
                "month", Instant.now().plus(Duration.ofDays(14)), null, false, 2000, "usd", "o@example.com", Instant.now(), 1L,
                Instant.now(), Instant.now(), SubscriptionState.STRIPE, null, null);

        transactions.executeWithoutResult(status -> recorder.record(trial));

        assertThat(subscriptions.currentOf("acct_outage")).hasValueSatisfying(
                state -> assertThat(state.status()).isEqualTo(SubscriptionStatus.TRIALING));
        // The marker: the outbox sent it, failed, sent it again and failed again, and still holds it.
        await().atMost(Duration.ofSeconds(30)).until(() -> resubmittedAndFailedAgain() == 1);
        assertThat(incompletePublications()).isEqualTo(1);
        assertThat(meters.get(OutboxConfiguration.PENDING_METRIC).gauge().value()).isEqualTo(1.0);

        KAFKA.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> incompletePublications() == 0);
        assertThat(meters.get(OutboxConfiguration.PENDING_METRIC).gauge().value()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM event_publication").query(Long.class).single())
                .as("acknowledged publications are deleted, not kept forever").isZero();
        // Whatever the outbox sent is acknowledged now; a marker sent after it on the same key ends the reading.
        String marker = UUID.randomUUID().toString();
        TestKafka.send(KAFKA.bootstrapServers(), Topics.SUBSCRIPTION, null, "acct_outage", "{}",
                CloudEventHeaders.of(marker, "/test", "test.marker.v1", Instant.now(), "acct_outage"));
        List<ConsumerRecord<String, String>> delivered = TestKafka.readUntilMarker(KAFKA.bootstrapServers(), Topics.SUBSCRIPTION,
                record -> "acct_outage".equals(record.key()),
                record -> marker.equals(TestKafka.header(record, CloudEventHeaders.ID)), Duration.ofSeconds(30));
        assertThat(delivered).isNotEmpty().allSatisfy(record -> assertThat(TestKafka.header(record, CloudEventHeaders.TYPE))
                .isEqualTo("subscription.trial_started.v1"));
        AtomicInteger handled = new AtomicInteger();
        delivered.forEach(record -> inbox.receive("outage-test-consumer", record, envelope -> handled.incrementAndGet()));
        assertThat(handled).hasValue(1);
    }

    private long resubmittedAndFailedAgain() {
        return jdbc.sql("""
                SELECT count(*) FROM event_publication
                WHERE completion_date IS NULL AND last_resubmission_date IS NOT NULL AND status = 'FAILED'""")
                .query(Long.class).single();
    }

    private long incompletePublications() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL").query(Long.class).single();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tollgate-outage-kafka");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A real database, and a broker address where, for now, nobody answers. */
    static class BrokerThatIsDown implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            java.util.Map<String, Object> properties = new java.util.HashMap<>(RealInfrastructure.properties("outage"));
            properties.put("spring.kafka.bootstrap-servers", KAFKA.bootstrapServers());
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("outage", properties));
        }
    }
}
