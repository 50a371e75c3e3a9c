package dev.tollgate.platform.data.consumer;

import static dev.tollgate.platform.data.consumer.ThingConsumerApplication.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.test.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A consumer's log lines carry the trace of the record it handles (its W3C traceparent header), a span
 * id and the event's account id, and written as the processes write them outside the 'local' profile
 * (Spring Boot's structured ECS JSON, {@code logging.structured.format.console}) they are JSON fields.
 * The encoder is applied here by hand: the JVM's logging is set up once, by whichever test context
 * starts first, so the console's format in a test run says nothing about one process's.
 */
@ThingConsumerTest
class StructuredLogsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aConsumersLogLinesCarryTheRecordsTraceIdASpanIdAndTheEventsAccountAsEcsJson() {
        Logger logger = (Logger) LoggerFactory.getLogger(EventBinding.class);
        Level before = logger.getLevel();
        Captured captured = new Captured();
        captured.setContext(logger.getLoggerContext());
        captured.start();
        logger.addAppender(captured);
        logger.setLevel(Level.DEBUG);
        try {
            String traceId = HexFormat.of().formatHex(randomBytes(16));
            String eventId = UUID.randomUUID().toString();
            Map<String, String> headers = new HashMap<>(CloudEventHeaders.of(eventId, "/test", "test.thing.v1", Instant.now(),
                    "acct_logs"));
            headers.put("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01");

            TestKafka.send(TestKafka.bootstrapServers(), TOPIC, 0, "acct_logs", "{\"action\":\"apply\"}", headers);

            ILoggingEvent handled = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> captured.events.stream().filter(e -> e.getFormattedMessage().contains(eventId)).findFirst(),
                            java.util.Optional::isPresent).orElseThrow();

            StructuredLogEncoder ecs = new StructuredLogEncoder();
            ecs.setContext(logger.getLoggerContext());
            ecs.setFormat("ecs");
            ecs.start();
            JsonNode line = JSON.readTree(new String(ecs.encode(handled), StandardCharsets.UTF_8));
            assertThat(line.path("traceId").asString()).isEqualTo(traceId);
            assertThat(line.path("spanId").asString()).matches("[0-9a-f]{16}");
            assertThat(line.path("accountId").asString()).isEqualTo("acct_logs");
            assertThat(line.path("message").asString()).contains(eventId);
            assertThat(line.path("ecs").path("version").asString()).isNotEmpty();
        } finally {
            logger.detachAppender(captured);
            logger.setLevel(before);
        }
    }

    /** Keeps each event with the MDC of the thread that logged it (read lazily otherwise, on the test's thread). */
    private static final class Captured extends AppenderBase<ILoggingEvent> {

        final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros, which W3C Trace Context calls invalid
        return bytes;
    }
}
