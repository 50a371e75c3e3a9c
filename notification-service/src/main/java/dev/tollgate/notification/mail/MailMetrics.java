package dev.tollgate.notification.mail;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * What operators watch: {@code tollgate_mail_waiting} (unsent mails; {@code state="pending"} waits
 * for SMTP or its turn, {@code state="address_unknown"} for the account's address) and
 * {@code tollgate_mail_oldest_waiting_age_seconds}. The counters are {@link MailRelay}'s.
 */
@Component
class MailMetrics implements MeterBinder {

    static final String WAITING_METRIC = "tollgate.mail.waiting";
    static final String OLDEST_WAITING_METRIC = "tollgate.mail.oldest.waiting.age.seconds";

    private final OutgoingMails mails;

    MailMetrics(OutgoingMails mails) {
        this.mails = mails;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder(WAITING_METRIC, () -> mails.unsent("pending"))
                .description("E-mails written but not yet accepted by SMTP").tag("state", "pending").register(meters);
        Gauge.builder(WAITING_METRIC, () -> mails.unsent("waiting_for_address"))
                .description("E-mails written but not yet accepted by SMTP").tag("state", "address_unknown").register(meters);
        Gauge.builder(OLDEST_WAITING_METRIC, mails::oldestUnsentAgeSeconds)
                .description("Age of the oldest e-mail not yet sent, 0 when none waits").register(meters);
    }
}
