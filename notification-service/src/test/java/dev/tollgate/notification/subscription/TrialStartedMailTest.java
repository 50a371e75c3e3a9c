package dev.tollgate.notification.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import dev.tollgate.notification.NotificationApplication;
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.TestKafka;

@SpringBootTest(classes = NotificationApplication.class, properties = "spring.config.name=" + NotificationApplication.CONFIG_NAME)
@ContextConfiguration(initializers = RealInfrastructure.class)
class TrialStartedMailTest {

    static final GreenMail SMTP = started();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Test
    void aStartedTrialSendsTheWelcomeMailOnceEvenWhenTheEventIsDeliveredTwice() throws Exception {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        String body = """
                {"transition":"TRIAL_STARTED","eventId":"%s","accountId":"acct_mail","occurredAt":"%s","subscriptionId":"sub_mail",
                 "planId":"community","status":"trialing","billingInterval":"month","trialEnd":"%s","currentPeriodEnd":null,
                 "cancelAtPeriodEnd":false,"amountMinor":2000,"currency":"usd","email":"mia@example.com"}"""
                .formatted(id, now, now.plus(Duration.ofDays(14)));
        var headers = CloudEventHeaders.of(id, "/tollgate/subscription-service", "subscription.trial_started.v1", now, "acct_mail");

        TestKafka.send(Topics.SUBSCRIPTION, "acct_mail", body, headers);
        TestKafka.send(Topics.SUBSCRIPTION, "acct_mail", body, headers);
        // The marker: a later event of the same account (same partition), whose mail comes after the duplicate was handled.
        String markerId = UUID.randomUUID().toString();
        TestKafka.send(Topics.SUBSCRIPTION, "acct_mail", body.replace(id, markerId).replace("TRIAL_STARTED", "ACTIVATED")
                .replace("trialing", "active"), CloudEventHeaders.of(markerId, "/tollgate/subscription-service",
                        "subscription.activated.v1", now, "acct_mail"));

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("mia@example.com").length >= 2);
        MimeMessage[] mails = Arrays.stream(mailsTo("mia@example.com")).filter(mail -> subjectOf(mail).contains("trial"))
                .toArray(MimeMessage[]::new);
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getSubject()).isEqualTo("Welcome to LATAMLAB.AI - Your 14-day trial has started! \uD83C\uDF89");
        assertThat(GreenMailUtil.getBody(mails[0])).contains("Your 14-day free trial has started").contains("Your trial ends on");
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage[] mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(to -> to.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(MimeMessage[]::new);
    }

    private static GreenMail started() {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        return smtp;
    }
}
