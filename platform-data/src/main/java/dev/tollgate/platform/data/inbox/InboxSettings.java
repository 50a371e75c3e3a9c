package dev.tollgate.platform.data.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param retention how long an inbox row is kept ({@code TOLLGATE_INBOX_RETENTION}, default 14 days).
 *        Must exceed the topics' retention plus the longest a record can wait in a dead-letter
 *        topic before replay: a redelivery older than that would be applied a second time.
 * @param purgeInterval the pause between purge runs ({@code TOLLGATE_INBOX_PURGE_INTERVAL}, default 1 h)
 * @param purgeBatchSize rows deleted per statement, so a purge never holds long locks ({@code TOLLGATE_INBOX_PURGE_BATCH_SIZE}, default 1000)
 */
@ConfigurationProperties("tollgate.inbox")
public record InboxSettings(Duration retention, Duration purgeInterval, Integer purgeBatchSize) {

    public InboxSettings {
        retention = retention == null ? Duration.ofDays(14) : retention;
        purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
        purgeBatchSize = purgeBatchSize == null ? 1000 : purgeBatchSize;
    }
}
