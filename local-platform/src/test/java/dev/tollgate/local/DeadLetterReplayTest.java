package dev.tollgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.TestKafka;

class DeadLetterReplayTest {

    private final String topic = "tollgate.replay-test." + UUID.randomUUID();

    @Test
    void replayCopiesDeadLettersBackWithTheirKeyBodyAndCloudEventHeadersButNotTheDeadLetterHeaders() {
        deadLetter("evt-1", "acct_a", "{\"n\":1}");
        deadLetter("evt-2", "acct_b", "{\"n\":2}");

        int replayed = DeadLetterReplay.replay(TestKafka.bootstrapServers(), topic, null, false, quiet());

        assertThat(replayed).isEqualTo(2);
        List<ConsumerRecord<String, String>> back = TestKafka.read(topic, record -> true, 2, Duration.ofSeconds(30));
        assertThat(back).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("acct_a", "acct_b");
        ConsumerRecord<String, String> first = back.stream().filter(record -> "acct_a".equals(record.key())).findFirst().orElseThrow();
        assertThat(first.value()).isEqualTo("{\"n\":1}");
        assertThat(TestKafka.header(first, CloudEventHeaders.ID)).isEqualTo("evt-1");
        assertThat(TestKafka.header(first, CloudEventHeaders.TYPE)).isEqualTo("test.thing.v1");
        assertThat(TestKafka.header(first, CloudEventHeaders.SUBJECT)).isEqualTo("acct_a");
        assertThat(first.headers()).extracting(Header::key).noneMatch(name -> name.startsWith("kafka_dlt-"));
    }

    @Test
    void aDryRunListsWhatItWouldReplayAndSendsNothingAndAnEventIdSelectsOneRecord() {
        deadLetter("evt-a", "acct_a", "{}");
        deadLetter("evt-b", "acct_b", "{}");
        ByteArrayOutputStream listing = new ByteArrayOutputStream();

        int wouldReplay = DeadLetterReplay.replay(TestKafka.bootstrapServers(), topic, null, true,
                new PrintStream(listing, true, StandardCharsets.UTF_8));
        int replayed = DeadLetterReplay.replay(TestKafka.bootstrapServers(), topic, "evt-b", false, quiet());

        assertThat(wouldReplay).isEqualTo(2);
        assertThat(listing.toString(StandardCharsets.UTF_8)).contains("would replay evt-a", "would replay evt-b");
        assertThat(replayed).isEqualTo(1);
        // Reading until two records would arrive: only the selected one may be there.
        List<ConsumerRecord<String, String>> back = TestKafka.read(topic, record -> true, 2, Duration.ofSeconds(5));
        assertThat(back).extracting(record -> TestKafka.header(record, CloudEventHeaders.ID)).containsExactly("evt-b");
    }

    private void deadLetter(String eventId, String key, String body) {
        Map<String, String> headers = new HashMap<>(CloudEventHeaders.of(eventId, "/test", "test.thing.v1", Instant.now(), key));
        headers.put("kafka_dlt-original-topic", topic);
        headers.put("kafka_dlt-exception-message", "boom");
        TestKafka.send(Topics.deadLetterOf(topic), key, body, headers);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
