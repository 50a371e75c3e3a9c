package dev.tollgate.platform.data.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.platform.test.FreePorts;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.TestKafka;

/**
 * Two replicas of one service (two Spring contexts) on one database and one broker. No send fails
 * here, so nothing forces a retry, and the claim is exact: every event is on the topic once, in
 * order. (Where a send's acknowledgement is lost the outbox sends again, at least once; consumers
 * drop the copy by ce_id. {@link OutboxKeepsAccountOrderTest} covers that.)
 */
class TwoReplicasShareOneOutboxTest {

    static final int ACCOUNTS = 10;
    static final int VERSIONS = 10;

    static Map<String, Object> database;
    static TestService first;
    static TestService second;

    @BeforeAll
    static void start() {
        database = RealInfrastructure.properties("outbox-replicas");
        first = TestService.start(database, TestKafka.bootstrapServers(), Map.of());
        second = TestService.start(database, TestKafka.bootstrapServers(), Map.of());
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
    }

    @Test
    void eventsCommittedAlternatelyOnTwoReplicasAreEachSentOnceAndInAccountOrder() {
        List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> "acct_replicas_" + i).toList();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (String account : accounts) {
            writers.add(CompletableFuture.runAsync(() -> {
                for (int version = 1; version <= VERSIONS; version++) {
                    // Consecutive changes of one account land on alternate replicas, each nudging its own relay.
                    assertThat((version % 2 == 0 ? second : first).change(account)).isEqualTo(version);
                }
            }));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();

        await().atMost(Duration.ofSeconds(60)).until(() -> first.pending() == 0);
        AccountStream received = AccountStream.read(TestKafka.bootstrapServers(), TestService.TOPIC, "acct_replicas_",
                ACCOUNTS * VERSIONS, Duration.ofSeconds(60));
        assertThat(received.copiesPerEventId()).hasSize(ACCOUNTS * VERSIONS)
                .as("each event sent by exactly one replica, once").allSatisfy((id, copies) -> assertThat(copies).isOne());
        received.assertEachAccountInCommitOrder(Set.copyOf(accounts), VERSIONS);
    }

    @Test
    void aPublicationClaimedByAReplicaThatDiesIsSentByTheOther() {
        // A third replica whose broker never answers: it claims the account and hangs in its send.
        TestService doomed = TestService.start(database, "localhost:" + FreePorts.next(),
                Map.of("spring.kafka.producer.properties.max.block.ms", "60000",
                        "spring.kafka.producer.properties.request.timeout.ms", "60000",
                        "spring.kafka.producer.properties.delivery.timeout.ms", "120000",
                        "tollgate.outbox.send-timeout", "120s"));
        String account = "acct_replicas_stranded";
        doomed.change(account);
        await().atMost(Duration.ofSeconds(10)).until(() -> sendLockHolder(account) != null);
        Integer holder = sendLockHolder(account);

        // The replica dies: its database session goes, and with it its claim; then the process.
        first.jdbc().sql("SELECT pg_terminate_backend(?)").param(holder).query().listOfRows();
        doomed.close();

        await().atMost(Duration.ofSeconds(30)).until(() -> first.pending() == 0);
        AccountStream received = AccountStream.read(TestKafka.bootstrapServers(), TestService.TOPIC, account, 1,
                Duration.ofSeconds(30));
        assertThat(received.copiesPerEventId()).hasSize(1).allSatisfy((id, copies) -> assertThat(copies).isOne());
        assertThat(received.versionsPerAccount()).containsEntry(account, List.of(1L));
    }

    /** The backend pid holding the relay's send lock on {@code account}, or null. */
    private static Integer sendLockHolder(String account) {
        return first.jdbc().sql("""
                SELECT l.pid FROM pg_locks l
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                  AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(?, 0)""")
                .param(OutboxRelay.SEND_LOCK + account).query(Integer.class).optional().orElse(null);
    }
}
