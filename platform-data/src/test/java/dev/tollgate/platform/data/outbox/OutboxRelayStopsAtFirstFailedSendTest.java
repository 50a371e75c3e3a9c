package dev.tollgate.platform.data.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.platform.test.FreePorts;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.StandaloneKafka;

/**
 * The relay hands an account's whole batch to the producer before waiting for acknowledgements; a row it cannot send
 * still ends the account's batch there: what came before it is sent and deleted, nothing after it is sent until it is.
 */
class OutboxRelayStopsAtFirstFailedSendTest {

    static final String ACCOUNT = "acct_pipelined_stop";
    static final int VERSIONS = 10;
    static final int BROKEN_VERSION = 4;

    static StandaloneKafka kafka;
    static TestService service;

    @BeforeAll
    static void start() throws IOException {
        kafka = new StandaloneKafka(FreePorts.next(), Files.createTempDirectory("tollgate-outbox-stop")).start();
        // Pipelined batches (batch-size above the default 1): the path whose stop at an unsendable row this shows.
        service = TestService.start(RealInfrastructure.properties("outbox-stop"), kafka.bootstrapServers(),
                Map.of("tollgate.outbox.batch-size", 100));
    }

    @AfterAll
    static void stop() {
        service.close();
        kafka.stop();
    }

    @Test
    void aRowThatCannotBeSentHoldsBackEveryLaterRowOfItsBatchAndGoesOutFirstOnceItCan() throws SQLException {
        String eventType;
        // Holding the account's send lock keeps the relay away while all ten rows commit, so they form one batch.
        try (Connection holder = service.dataSource().getConnection(); Statement lock = holder.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(hashtextextended('" + OutboxRelay.SEND_LOCK + ACCOUNT + "', 0))");
            for (int version = 1; version <= VERSIONS; version++) {
                assertThat(service.change(ACCOUNT)).isEqualTo(version);
            }
            eventType = service.jdbc().sql("SELECT event_type FROM event_publication WHERE routing_key = ? LIMIT 1")
                    .param(ACCOUNT).query(String.class).single();
            // The fourth row names a class this release does not have: it cannot be handed to the producer.
            service.jdbc().sql("""
                    UPDATE event_publication SET event_type = 'dev.tollgate.gone.AccountChanged' WHERE id = (
                        SELECT id FROM event_publication WHERE routing_key = ? ORDER BY publication_seq OFFSET ? LIMIT 1)""")
                    .params(ACCOUNT, BROKEN_VERSION - 1).update();
            lock.execute("SELECT pg_advisory_unlock(hashtextextended('" + OutboxRelay.SEND_LOCK + ACCOUNT + "', 0))");
        }
        service.relay().nudge(ACCOUNT);

        // Tried again with backoff and failed each time at the same row.
        await().atMost(Duration.ofSeconds(30)).until(() -> service.jdbc().sql("""
                SELECT coalesce(max(completion_attempts), 0) FROM event_publication WHERE routing_key = ? AND status = 'FAILED'""")
                .param(ACCOUNT).query(Integer.class).single() >= 3);
        assertThat(service.pending()).as("the broken row and everything after it").isEqualTo(VERSIONS - BROKEN_VERSION + 1);
        AccountStream before = AccountStream.read(kafka.bootstrapServers(), TestService.TOPIC, ACCOUNT, BROKEN_VERSION - 1,
                Duration.ofSeconds(30));
        assertThat(before.versionsPerAccount().get(ACCOUNT)).as("what Kafka received while the fourth row could not be sent")
                .containsExactly(1L, 2L, 3L);

        service.jdbc().sql("UPDATE event_publication SET event_type = ? WHERE routing_key = ? AND status = 'FAILED'")
                .params(eventType, ACCOUNT).update();
        await().atMost(Duration.ofSeconds(30)).until(() -> service.pending() == 0);
        AccountStream after = AccountStream.read(kafka.bootstrapServers(), TestService.TOPIC, ACCOUNT, VERSIONS,
                Duration.ofSeconds(30));
        after.assertEachAccountInCommitOrder(Set.of(ACCOUNT), VERSIONS);
        assertThat(after.versionsPerAccount().get(ACCOUNT)).as("each version once, in commit order")
                .isEqualTo(List.copyOf(LongStream.rangeClosed(1, VERSIONS).boxed().toList()));
    }
}
