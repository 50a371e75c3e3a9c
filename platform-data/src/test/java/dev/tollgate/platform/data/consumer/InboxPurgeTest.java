package dev.tollgate.platform.data.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.platform.data.inbox.InboxPurge;

@ThingConsumerTest
class InboxPurgeTest {

    @Autowired
    InboxPurge purge;
    @Autowired
    JdbcClient jdbc;

    @Test
    void rowsOlderThanTheRetentionAreDeletedInBatchesAndNewerOnesKept() {
        Instant now = Instant.now();
        receivedAt("old-1", now.minus(Duration.ofDays(30)));
        receivedAt("old-2", now.minus(Duration.ofDays(15)));
        receivedAt("old-3", now.minus(Duration.ofDays(14)).minusSeconds(60));
        receivedAt("new-1", now.minus(Duration.ofDays(13)));
        receivedAt("new-2", now);

        purge.run();

        assertThat(jdbc.sql("SELECT event_id FROM inbox WHERE consumer = 'purge-test' ORDER BY event_id").query(String.class).list())
                .containsExactly("new-1", "new-2");
    }

    @Test
    void aPurgeDeletesEveryExpiredRowAcrossSeveralBatches() {
        Instant cutoff = Instant.now().minus(Duration.ofDays(100));
        for (int i = 0; i < 5; i++) {
            receivedAt("ancient-" + i, cutoff.minus(Duration.ofDays(1)));
        }

        // The test sets a batch size of 2: five rows take three statements.
        assertThat(purge.purgeOlderThan(cutoff)).isEqualTo(5);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox WHERE event_id LIKE 'ancient-%'").query(Long.class).single()).isZero();
    }

    private void receivedAt(String eventId, Instant at) {
        jdbc.sql("INSERT INTO inbox (consumer, event_id, event_type, received_at) VALUES ('purge-test', :id, 'test.thing.v1', :at)")
                .param("id", eventId).param("at", Timestamp.from(at)).update();
    }
}
