package dev.tollgate.platform.data.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes inbox rows older than the retention, a batch per statement. Runs on every replica: the
 * deletes are idempotent and each batch is its own short transaction, so two runners only share
 * the work.
 */
public class InboxPurge {

    private static final Logger log = LoggerFactory.getLogger(InboxPurge.class);

    private final JdbcClient jdbc;
    private final InboxSettings settings;
    private final Clock clock;

    public InboxPurge(JdbcClient jdbc, InboxSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${tollgate.inbox.purge-interval:PT1H}", fixedDelayString = "${tollgate.inbox.purge-interval:PT1H}")
    public void run() {
        purgeOlderThan(clock.instant().minus(settings.retention()));
    }

    /** Deletes every row received before {@code cutoff}; returns how many. */
    public int purgeOlderThan(Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                    DELETE FROM inbox WHERE ctid IN (
                        SELECT ctid FROM inbox WHERE received_at < :cutoff LIMIT :batch)""")
                    .param("cutoff", Timestamp.from(cutoff))
                    .param("batch", settings.purgeBatchSize())
                    .update();
            total += deleted;
        } while (deleted == settings.purgeBatchSize());
        if (total > 0) {
            log.info("Purged {} inbox rows received before {}", total, cutoff);
        }
        return total;
    }
}
