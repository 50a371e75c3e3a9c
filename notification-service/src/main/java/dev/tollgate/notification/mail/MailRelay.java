package dev.tollgate.notification.mail;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailPreparationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends the mails consumers wrote, after their transactions committed. Each run claims the
 * oldest unsent mail of up to {@code batchSize} accounts ({@code FOR UPDATE SKIP LOCKED} plus a
 * lease, committed at once), sends them one by one outside any transaction, and records each
 * result in its own short transaction. Safe with several replicas: a claimed row is invisible to
 * the other relays until its lease ends, so two relays never send the same row.
 * <p>
 * Order: a mail is claimable only when no earlier mail of its account is still unsent, so an
 * account hears about its events in the order they were caused, also across an SMTP outage.
 * <p>
 * If the process dies after SMTP accepted a mail but before {@link OutgoingMails#sent} committed,
 * the row is still pending: when its lease ends a relay sends it again, with the same Message-ID,
 * so the copy is recognisable (at-least-once delivery; a mail is never lost this way).
 */
@Component
class MailRelay {

    static final String SENT_METRIC = "tollgate.mail.sent";
    static final String FAILED_METRIC = "tollgate.mail.failed";
    static final String UNDELIVERABLE_METRIC = "tollgate.mail.undeliverable";

    private static final Logger log = LoggerFactory.getLogger(MailRelay.class);
    /** Bounds one run, so a steady stream of new mails cannot keep the scheduler thread forever. */
    private static final int MAX_CLAIMS_PER_RUN = 50;

    private final OutgoingMails mails;
    private final SmtpSender smtp;
    private final DeliverySettings settings;
    private final Counter sent;
    private final Counter failed;
    private final Counter undeliverable;

    MailRelay(OutgoingMails mails, SmtpSender smtp, DeliverySettings settings, MeterRegistry meters) {
        this.mails = mails;
        this.smtp = smtp;
        this.settings = settings;
        this.sent = Counter.builder(SENT_METRIC).description("E-mails SMTP accepted").register(meters);
        this.failed = Counter.builder(FAILED_METRIC).description("Attempts SMTP refused or could not be reached for; retried")
                .register(meters);
        this.undeliverable = Counter.builder(UNDELIVERABLE_METRIC)
                .description("E-mails given up on after failing for longer than the configured time").register(meters);
    }

    @Scheduled(fixedDelayString = "${tollgate.notification.mail.delivery.interval:1s}")
    void relay() {
        for (int claim = 0; claim < MAX_CLAIMS_PER_RUN; claim++) {
            Instant claimedAt = Instant.now();
            List<OutgoingMail> claimed = mails.claim(settings.batchSize(), settings.lease());
            if (claimed.isEmpty() || !deliver(claimed, claimedAt)) {
                return;
            }
        }
    }

    /** Returns false when the run should stop (the circuit is open or the lease runs short). */
    private boolean deliver(List<OutgoingMail> claimed, Instant claimedAt) {
        for (int i = 0; i < claimed.size(); i++) {
            OutgoingMail mail = claimed.get(i);
            // Half the lease is left as a margin far beyond one send's SMTP timeouts, so the lease
            // never ends while this relay is still sending the row.
            if (Instant.now().isAfter(claimedAt.plus(settings.lease().dividedBy(2)))) {
                releaseFrom(claimed, i, null);
                return false;
            }
            try {
                smtp.send(mail);
            } catch (CallNotPermittedException e) {
                releaseFrom(claimed, i, "SMTP circuit breaker open");
                return false;
            } catch (MailPreparationException e) {
                giveUp(mail, e);
                continue;
            } catch (RuntimeException e) {
                retryLater(mail, e);
                continue;
            }
            mails.sent(mail);
            sent.increment();
        }
        return true;
    }

    private void retryLater(OutgoingMail mail, RuntimeException failure) {
        Instant now = Instant.now();
        if (mail.failingSince() != null && mail.failingSince().plus(settings.giveUpAfter()).isBefore(now)) {
            giveUp(mail, failure);
            return;
        }
        failed.increment();
        int failures = mail.attempts() + 1;
        Instant next = now.plus(settings.retryAfter(failures));
        log.warn("Mail {} ({}) to account {} not sent ({}); attempt {} failed, next at {}", mail.id(), mail.messageId(),
                mail.accountId(), failure.toString(), failures, next);
        mails.failed(mail, failure.toString(), next);
    }

    private void giveUp(OutgoingMail mail, RuntimeException failure) {
        log.error("Mail {} ({}) to account {} is undeliverable: {}", mail.id(), mail.messageId(), mail.accountId(),
                failure.toString());
        mails.undeliverable(mail, failure.toString());
        undeliverable.increment();
    }

    private void releaseFrom(List<OutgoingMail> claimed, int from, String reason) {
        claimed.subList(from, claimed.size()).forEach(mail -> mails.release(mail, reason));
    }
}
