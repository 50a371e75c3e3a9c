package dev.tollgate.platform.data.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.test.TestKafka;
import tools.jackson.databind.json.JsonMapper;

/** What an independent consumer reads back from the outbox's topic, per account, in partition order. */
record AccountStream(List<ConsumerRecord<String, String>> records) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads the topic from the beginning until {@code distinctEvents} different ce_ids of accounts starting with {@code prefix} were seen. */
    static AccountStream read(String bootstrapServers, String topic, String prefix, int distinctEvents, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<ConsumerRecord<String, String>> found = List.of();
        while (Instant.now().isBefore(deadline)) {
            found = TestKafka.read(bootstrapServers, topic, record -> record.key().startsWith(prefix), Integer.MAX_VALUE,
                    Duration.ofSeconds(3));
            if (found.stream().map(record -> TestKafka.header(record, CloudEventHeaders.ID)).distinct().count() >= distinctEvents) {
                break;
            }
        }
        return new AccountStream(found);
    }

    long distinctEventIds() {
        return records.stream().map(record -> TestKafka.header(record, CloudEventHeaders.ID)).distinct().count();
    }

    Map<String, Long> copiesPerEventId() {
        return records.stream().collect(Collectors.groupingBy(record -> TestKafka.header(record, CloudEventHeaders.ID),
                Collectors.counting()));
    }

    /** The versions each account's records carry, in the order a consumer of the topic receives them. */
    Map<String, List<Long>> versionsPerAccount() {
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            versions.computeIfAbsent(record.key(), key -> new ArrayList<>())
                    .add(JSON.readTree(record.value()).get("version").asLong());
        }
        return versions;
    }

    /**
     * Every account shows each of its versions 1..n, and never a version lower than one it already
     * showed: a repeated send (an acknowledgement lost in an outage) may repeat the latest version,
     * never bring back an older one.
     */
    void assertEachAccountInCommitOrder(Set<String> accounts, int versionsPerAccount) {
        Map<String, List<Long>> versions = versionsPerAccount();
        assertThat(versions.keySet()).containsExactlyInAnyOrderElementsOf(accounts);
        versions.forEach((account, seen) -> {
            assertThat(seen).as("versions of %s as received", account).isSorted();
            assertThat(seen.stream().distinct().toList()).as("versions of %s", account)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, versionsPerAccount).boxed().toList());
        });
    }
}
