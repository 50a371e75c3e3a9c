package dev.tollgate.notification.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the relay delivers the written mails. (The pause between two relay runs is
 * {@code tollgate.notification.mail.delivery.interval}, read by {@link MailRelay}'s schedule.)
 *
 * @param batchSize how many accounts' next mails one claim takes
 * @param lease how long a claimed mail is reserved for the relay that claimed it; it must exceed
 *        the SMTP connect, read and write timeouts of one send many times over
 * @param firstRetry the wait after the first failed attempt; it doubles with every further failure
 * @param maxRetry the longest wait between two attempts
 * @param giveUpAfter how long SMTP may keep refusing a mail before it is marked undeliverable
 * @param circuitOpenFor how long the SMTP circuit breaker stays open before it lets a probe through
 */
@ConfigurationProperties("tollgate.notification.mail.delivery")
public record DeliverySettings(Integer batchSize, Duration lease, Duration firstRetry, Duration maxRetry,
        Duration giveUpAfter, Duration circuitOpenFor) {

    public DeliverySettings {
        batchSize = batchSize == null ? 20 : batchSize;
        lease = lease == null ? Duration.ofMinutes(10) : lease;
        firstRetry = firstRetry == null ? Duration.ofSeconds(5) : firstRetry;
        maxRetry = maxRetry == null ? Duration.ofMinutes(10) : maxRetry;
        giveUpAfter = giveUpAfter == null ? Duration.ofHours(48) : giveUpAfter;
        circuitOpenFor = circuitOpenFor == null ? Duration.ofSeconds(30) : circuitOpenFor;
    }

    /** The wait before the next attempt after {@code failedAttempts} failures in a row (1 or more). */
    public Duration retryAfter(int failedAttempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) < 0 ? wait : maxRetry;
    }
}
