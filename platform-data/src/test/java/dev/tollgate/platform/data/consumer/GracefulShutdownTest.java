package dev.tollgate.platform.data.consumer;

import static dev.tollgate.platform.data.consumer.ThingConsumerApplication.ATTEMPTS;
import static dev.tollgate.platform.data.consumer.ThingConsumerApplication.CONSUMER;
import static dev.tollgate.platform.data.consumer.ThingConsumerApplication.OUTAGE;
import static dev.tollgate.platform.data.consumer.ThingConsumerApplication.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.FreePorts;
import dev.tollgate.platform.test.StandaloneKafka;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.platform.test.TestPostgres;

/** A service asked to stop while the broker is gone stops within a bounded time and keeps nothing half-done. */
class GracefulShutdownTest {

    private final StandaloneKafka kafka = new StandaloneKafka(FreePorts.next(), tempDir()).start();

    @AfterEach
    void stopBroker() {
        kafka.stop();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aServiceRetryingARecordWithASendInFlightWhenItsBrokerGoesAwayStopsWithinFifteenSecondsAndKeepsNothingOfThatRecord() throws SQLException {
        String database = TestPostgres.newDatabase("shutdown");
        List<String> arguments = new ArrayList<>();
        for (String property : ThingConsumerTest.class.getAnnotation(SpringBootTest.class).properties()) {
            arguments.add("--" + property);
        }
        arguments.addAll(List.of("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres"));
        ConfigurableApplicationContext service = new SpringApplicationBuilder(ThingConsumerApplication.class)
                .web(WebApplicationType.NONE).run(arguments.toArray(String[]::new));
        EventBindingContainers listeners = service.getBean(EventBindingContainers.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> listeners.of(CONSUMER)
                .map(container -> !container.getAssignedPartitions().isEmpty()).orElse(false));
        String held = UUID.randomUUID().toString();
        OUTAGE.add(held);
        TestKafka.send(kafka.bootstrapServers(), ThingConsumerApplication.TOPIC, 0, "k-stop", "{\"action\":\"apply\"}",
                CloudEventHeaders.of(held, "/test", "test.thing.v1", Instant.now(), "k-stop"));
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts(held) >= 2);
        KafkaTemplate<String, String> producer = service.getBean(KafkaTemplate.class);
        producer.send(Topics.deadLetterOf(TOPIC), "warm-up", "{}").join();

        kafka.stop();
        // A send the broker never acknowledges: closing the producer must not wait Kafka's default 30 s for it.
        // From another thread, as the service's own sends come: send() itself may block on metadata now.
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> producer.send(Topics.deadLetterOf(TOPIC), "in-flight", "{}"));
        try {
            sending.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException blockedOnMetadata) {
            // Still inside send(), waiting for metadata of a broker that is gone: in flight all the same.
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        Instant asked = Instant.now();
        service.close();

        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(service.isActive()).isFalse();
        OUTAGE.remove(held);
        assertThat(rows(database, "SELECT count(*) FROM applied_thing WHERE event_id = ?", held)).isZero();
        assertThat(rows(database, "SELECT count(*) FROM inbox WHERE event_id = ?", held)).isZero();
    }

    /** Read with a connection of its own: the service's pool closed with it. */
    private static long rows(String database, String countQuery, String eventId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database, "postgres", "postgres");
                PreparedStatement query = connection.prepareStatement(countQuery)) {
            query.setString(1, eventId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static int attempts(String eventId) {
        AtomicInteger attempts = ATTEMPTS.get(eventId);
        return attempts == null ? 0 : attempts.get();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tollgate-shutdown-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
