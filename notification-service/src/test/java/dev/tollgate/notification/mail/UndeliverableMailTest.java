package dev.tollgate.notification.mail;

import static dev.tollgate.notification.subscription.SubscriptionEvents.ACTIVATED;
import static dev.tollgate.notification.subscription.SubscriptionEvents.TRIAL_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.notification.NotificationApplication;
import dev.tollgate.notification.subscription.SubscriptionEvents;
import dev.tollgate.platform.test.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;

/** A mail SMTP refuses for longer than the configured time (seconds here, hours by default) is given up, visibly. */
@DirtiesContext
@SpringBootTest(classes = NotificationApplication.class, properties = {
        "spring.config.name=" + NotificationApplication.CONFIG_NAME,
        "tollgate.notification.mail.delivery.interval=200ms",
        "tollgate.notification.mail.delivery.first-retry=300ms",
        "tollgate.notification.mail.delivery.max-retry=1s",
        "tollgate.notification.mail.delivery.circuit-open-for=1s",
        "tollgate.notification.mail.delivery.give-up-after=3s" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class UndeliverableMailTest {

    static final SmtpServer SMTP = new SmtpServer();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Test
    void aMailSmtpKeepsRefusingIsMarkedUndeliverableInTheFeedAndNoLongerHoldsBackTheAccountsNextMail() {
        SMTP.stop();
        String trial = SubscriptionEvents.publish(TRIAL_STARTED, "acct_refused", "rita@example.com");

        await().atMost(Duration.ofSeconds(60)).until(() -> "undeliverable".equals(column("status", trial)));
        assertThat(column("last_error", trial)).contains("MailSendException");
        assertThat(jdbc.sql("SELECT status FROM notification WHERE event_id = :id").param("id", trial).query(String.class).single())
                .isEqualTo("undeliverable");
        assertThat(meters.get(MailRelay.UNDELIVERABLE_METRIC).counter().count()).isEqualTo(1);

        SMTP.start();
        String activated = SubscriptionEvents.publish(ACTIVATED, "acct_refused", "rita@example.com");
        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(column("status", activated)));
        assertThat(SMTP.mailsTo("rita@example.com")).hasSize(1);
    }

    private String column(String column, String eventId) {
        return jdbc.sql("SELECT " + column + " FROM outgoing_mail WHERE cause_event_id = :id").param("id", eventId)
                .query(String.class).optional().orElse(null);
    }
}
