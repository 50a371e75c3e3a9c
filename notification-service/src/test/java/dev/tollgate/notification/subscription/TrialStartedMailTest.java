package dev.tollgate.notification.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMailUtil;

import dev.tollgate.notification.NotificationApplication;
import dev.tollgate.notification.mail.SmtpServer;
import dev.tollgate.platform.test.RealInfrastructure;

// Closed after the class: every test context joins the same consumer group on the shared broker.
@DirtiesContext
@SpringBootTest(classes = NotificationApplication.class, properties = "spring.config.name=" + NotificationApplication.CONFIG_NAME)
@ContextConfiguration(initializers = RealInfrastructure.class)
class TrialStartedMailTest {

    static final SmtpServer SMTP = new SmtpServer();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Test
    void aStartedTrialSendsTheWelcomeMailOnceEvenWhenTheEventIsDeliveredTwice() throws Exception {
        String id = SubscriptionEvents.publish(SubscriptionEvents.TRIAL_STARTED, "acct_mail", "mia@example.com");
        SubscriptionEvents.publish(id, SubscriptionEvents.TRIAL_STARTED, "acct_mail", "mia@example.com");
        // Same account, same partition: once the mail of this later event is out, the redelivery was handled.
        SubscriptionEvents.publish(SubscriptionEvents.ACTIVATED, "acct_mail", "mia@example.com");

        await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.mailsTo("mia@example.com").stream()
                .anyMatch(mail -> subject(mail).startsWith("Welcome to Community Edition!")));
        var trialMails = SMTP.mailsTo("mia@example.com").stream()
                .filter(mail -> subject(mail).contains("trial has started")).toList();
        assertThat(trialMails).hasSize(1);
        assertThat(subject(trialMails.getFirst())).isEqualTo("Welcome to LATAMLAB.AI - Your 14-day trial has started! \uD83C\uDF89");
        assertThat(GreenMailUtil.getBody(trialMails.getFirst())).contains("Your 14-day free trial has started")
                .contains("Your trial ends on");
    }

    static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
