package dev.tollgate.notification.mail;

import static dev.tollgate.notification.subscription.SubscriptionEvents.ACTIVATED;
import static dev.tollgate.notification.subscription.SubscriptionEvents.PAST_DUE;
import static dev.tollgate.notification.subscription.SubscriptionEvents.TRIAL_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.notification.NotificationApplication;
import dev.tollgate.notification.subscription.SubscriptionEvents;
import dev.tollgate.platform.test.RealInfrastructure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The mail path end to end with real parts: events from the embedded Kafka broker, rows in a real
 * PostgreSQL, mail into a real SMTP server (GreenMail) that the outage tests stop and start again
 * on the same port. Retry and circuit-breaker waits are shortened to seconds and the outage lasts
 * {@link #OUTAGE}; the mechanism is the one that rides out an outage of hours.
 */
// Closed after the class: every test context joins the same consumer group on the shared broker.
@DirtiesContext
@SpringBootTest(classes = NotificationApplication.class, properties = {
        "spring.config.name=" + NotificationApplication.CONFIG_NAME,
        "tollgate.notification.mail.delivery.interval=200ms",
        "tollgate.notification.mail.delivery.first-retry=500ms",
        "tollgate.notification.mail.delivery.max-retry=3s",
        "tollgate.notification.mail.delivery.circuit-open-for=2s" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class MailRelayTest {

    static final SmtpServer SMTP = new SmtpServer();
    /**
     * How long the SMTP outage lasts: a minute, as the issue asks, so the relay really backs off and the
     * circuit breaker opens and closes on its own; {@code -Dtollgate.test.smtp-outage=PT10S} shortens it
     * while iterating.
     */
    static final Duration OUTAGE = Duration.parse(System.getProperty("tollgate.test.smtp-outage", "PT1M"));

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    CircuitBreaker smtpCircuitBreaker;
    @Autowired
    Mailer mailer;
    @Autowired
    OutgoingMails outgoingMails;
    @Autowired
    SmtpSender smtpSender;
    @Autowired
    DeliverySettings deliverySettings;
    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void smtpIsBack() {
        if (!SMTP.running()) {
            SMTP.start();
        }
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Test
    void anSmtpOutageDelaysTheMailWhichIsSentExactlyOnceWithItsStableMessageIdWhenSmtpIsBack() throws Exception {
        List<CircuitBreaker.State> breakerStates = new CopyOnWriteArrayList<>();
        smtpCircuitBreaker.getEventPublisher()
                .onStateTransition((CircuitBreakerOnStateTransitionEvent e) -> breakerStates.add(e.getStateTransition().getToState()));
        SMTP.stop();

        Instant outageStarted = Instant.now();
        String id = SubscriptionEvents.publish(TRIAL_STARTED, "acct_outage", "olga@example.com");

        // The outage lasts OUTAGE and until SMTP refused the mail at least three times, the circuit
        // breaker in between keeping the relay from connecting for each waiting mail.
        await().atMost(OUTAGE.plusSeconds(60))
                .until(() -> attempts(id) >= 3 && Duration.between(outageStarted, Instant.now()).compareTo(OUTAGE) >= 0);
        assertThat(status(id)).isEqualTo("pending");
        assertThat(waiting("pending")).isGreaterThanOrEqualTo(1);
        assertThat(meters.get(MailMetrics.OLDEST_WAITING_METRIC).gauge().value()).isGreaterThanOrEqualTo(OUTAGE.toSeconds() - 1);
        assertThat(breakerStates).contains(CircuitBreaker.State.OPEN);
        assertThat(feedStatus(id)).isEqualTo("pending");

        SMTP.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(status(id)));
        List<MimeMessage> mails = SMTP.mailsTo("olga@example.com");
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getMessageID()).isEqualTo("<" + id + ".trial-started@latamlab.ai>");
        assertThat(feedStatus(id)).isEqualTo("sent");
        assertThat(waiting("pending")).isZero();

        // A redelivery after the mail went out writes no second one: the next mail of the account is the marker.
        SubscriptionEvents.publish(id, TRIAL_STARTED, "acct_outage", "olga@example.com");
        String next = SubscriptionEvents.publish(ACTIVATED, "acct_outage", "olga@example.com");
        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(status(next)));
        assertThat(SMTP.mailsTo("olga@example.com")).extracting(MailRelayTest::messageId)
                .containsExactly("<" + id + ".trial-started@latamlab.ai>", "<" + next + ".subscription-activated@latamlab.ai>");
    }

    @Test
    void anAccountsMailsLeaveInTheOrderTheyWereCausedAcrossAnOutage() throws Exception {
        SMTP.stop();

        String trial = SubscriptionEvents.publish(TRIAL_STARTED, "acct_order", "otto@example.com");
        String activated = SubscriptionEvents.publish(ACTIVATED, "acct_order", "otto@example.com");

        await().atMost(Duration.ofSeconds(60)).until(() -> attempts(trial) >= 2 && status(activated) != null);
        // The later mail is not even tried while the earlier one waits.
        assertThat(attempts(activated)).isZero();

        SMTP.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(status(activated)));
        assertThat(SMTP.mailsTo("otto@example.com")).extracting(MailRelayTest::messageId)
                .containsExactly("<" + trial + ".trial-started@latamlab.ai>", "<" + activated + ".subscription-activated@latamlab.ai>");
    }

    @Test
    void aMailWithoutRecipientWaitsUntilALaterEventOfTheAccountBringsTheAddress() throws Exception {
        String trial = SubscriptionEvents.publish(TRIAL_STARTED, "acct_noaddress", null);

        await().atMost(Duration.ofSeconds(30)).until(() -> "waiting_for_address".equals(status(trial)));
        assertThat(waiting("address_unknown")).isGreaterThanOrEqualTo(1);
        assertThat(feedStatus(trial)).isEqualTo("waiting_for_address");

        // An event that causes no mail of its own still brings the address.
        SubscriptionEvents.publish(PAST_DUE, "acct_noaddress", "nora@example.com");

        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(status(trial)));
        assertThat(SMTP.mailsTo("nora@example.com")).extracting(MailRelayTest::messageId)
                .containsExactly("<" + trial + ".trial-started@latamlab.ai>");

        // From now on the address is known: a later event without one is mailed to it.
        String activated = SubscriptionEvents.publish(ACTIVATED, "acct_noaddress", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(status(activated)));
        assertThat(SMTP.mailsTo("nora@example.com")).hasSize(2);
    }

    @Test
    void severalRelaysAgainstOneDatabaseSendEveryMailOnceAndInOrder() throws Exception {
        List<String> accounts = IntStream.range(0, 20).mapToObj(i -> "acct_relays_" + i).toList();
        transactions.executeWithoutResult(status -> {
            for (int round = 0; round < 3; round++) {
                for (String account : accounts) {
                    mailer.write(account, account + "-" + round, account + "@example.com", "Mail " + round, "test-alternative",
                            Map.of("name", account));
                }
            }
        });
        ExecutorService relays = Executors.newFixedThreadPool(3);
        try {
            // Three more relays beside the scheduled one, all claiming from the same table at once.
            for (int i = 0; i < 3; i++) {
                MailRelay relay = new MailRelay(outgoingMails, smtpSender, deliverySettings, meters);
                relays.submit(() -> {
                    while (unsent("acct_relays_%") > 0) {
                        relay.relay();
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> unsent("acct_relays_%") == 0);
        } finally {
            relays.shutdownNow();
        }
        for (String account : accounts) {
            assertThat(SMTP.mailsTo(account + "@example.com")).extracting(MailRelayTest::messageId).containsExactly(
                    "<" + account.replace("_", "_5F") + "-0.test-alternative@latamlab.ai>",
                    "<" + account.replace("_", "_5F") + "-1.test-alternative@latamlab.ai>",
                    "<" + account.replace("_", "_5F") + "-2.test-alternative@latamlab.ai>");
        }
    }

    @Test
    void aTemplateWithAnHtmlSiblingIsSentAsTextAndHtmlAlternatives() throws Exception {
        transactions.executeWithoutResult(status -> mailer.write("acct_html", "evt-html", "hana@example.com", "Both parts",
                "test-alternative", Map.of("name", "<Hana>")));

        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(status("evt-html")));
        MimeMessage mail = SMTP.mailsTo("hana@example.com").getFirst();
        MimeMultipart alternatives = alternatives((MimeMultipart) mail.getContent());
        assertThat(alternatives.getCount()).isEqualTo(2);
        assertThat(alternatives.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) alternatives.getBodyPart(0).getContent()).contains("Hi <Hana>,").contains("plain & simple.");
        assertThat(alternatives.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) alternatives.getBodyPart(1).getContent()).contains("<p>Hi &lt;Hana&gt;,</p>");
    }

    /** Spring's MimeMessageHelper nests the alternatives inside mixed and related parts (room for attachments). */
    private static MimeMultipart alternatives(MimeMultipart multipart) throws Exception {
        if (multipart.getContentType().startsWith("multipart/alternative")) {
            return multipart;
        }
        assertThat(multipart.getCount()).isEqualTo(1);
        return alternatives((MimeMultipart) multipart.getBodyPart(0).getContent());
    }

    private long unsent(String accountPattern) {
        return jdbc.sql("SELECT count(*) FROM outgoing_mail WHERE account_id LIKE :pattern AND status <> 'sent'")
                .param("pattern", accountPattern).query(Long.class).single();
    }

    private String status(String eventId) {
        return jdbc.sql("SELECT status FROM outgoing_mail WHERE cause_event_id = :id").param("id", eventId)
                .query(String.class).optional().orElse(null);
    }

    private int attempts(String eventId) {
        return jdbc.sql("SELECT attempts FROM outgoing_mail WHERE cause_event_id = :id").param("id", eventId)
                .query(Integer.class).optional().orElse(0);
    }

    private String feedStatus(String eventId) {
        return jdbc.sql("SELECT status FROM notification WHERE event_id = :id").param("id", eventId)
                .query(String.class).single();
    }

    private double waiting(String state) {
        return meters.get(MailMetrics.WAITING_METRIC).tag("state", state).gauge().value();
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
