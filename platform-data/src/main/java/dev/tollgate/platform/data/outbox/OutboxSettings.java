package dev.tollgate.platform.data.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param topic the topic this service publishes its domain events to
 * @param source the CloudEvents source of this service, e.g. {@code /tollgate/subscription-service}
 * @param resubmitInterval how often one replica (holding the ShedLock lock) looks for accounts with publications still owed to Kafka
 * @param resubmitAfter how old an unacknowledged publication must be before that sweep sends it again
 *        (younger ones are being sent by the replica that committed them)
 * @param maxInFlight how many accounts this replica sends for at once (each holds a database connection while it
 *        sends; keep it below the connection pool size); each account has at most one batch in flight
 * @param retryBackoff the pause before an account whose send failed is tried again; it doubles per failure
 * @param maxRetryBackoff the longest such pause
 * @param batchSize how many of an account's publications are handed to the producer before waiting for their
 *        acknowledgements. 1 (the default) sends strictly one at a time: a failed send holds back every later
 *        event of the account. Above 1 the relay is an order of magnitude faster, but the order then holds only
 *        while sends succeed: Kafka's idempotent producer can still deliver a later record after an earlier one
 *        of the same partition expired ({@code delivery.timeout.ms}) or was refused as too large, so after such a
 *        failure a later event may reach consumers before the retried earlier one. Raise it only where every
 *        consumer of the topic tolerates that (e.g. discards stale events by version)
 * @param sendTimeout how long to wait for the broker's acknowledgement before counting a send as failed
 *        (a backstop: the producer's {@code delivery.timeout.ms} ends a send earlier)
 */
@ConfigurationProperties("tollgate.outbox")
public record OutboxSettings(String topic, String source, Duration resubmitInterval, Duration resubmitAfter,
        Integer maxInFlight, Duration retryBackoff, Duration maxRetryBackoff, Integer batchSize, Duration sendTimeout) {

    public OutboxSettings {
        resubmitInterval = resubmitInterval == null ? Duration.ofSeconds(10) : resubmitInterval;
        resubmitAfter = resubmitAfter == null ? Duration.ofSeconds(10) : resubmitAfter;
        maxInFlight = maxInFlight == null ? 4 : maxInFlight;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(1) : retryBackoff;
        maxRetryBackoff = maxRetryBackoff == null ? Duration.ofMinutes(1) : maxRetryBackoff;
        batchSize = batchSize == null ? 1 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(60) : sendTimeout;
    }
}
