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


import dev.tollgate.notification.NotificationApplication;
import dev.tollgate.notification.mail.MailFixtures;
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
                .anyMatch(mail -> subject(mail).startsWith("¡Bienvenido a ")));
        var trialMails = SMTP.mailsTo("mia@example.com").stream()
                .filter(mail -> subject(mail).contains("Tu prueba de 14 días comenzó")).toList();
        assertThat(trialMails).hasSize(1);
        // No language chosen: the Community Edition's default, Latin American Spanish.
        assertThat(subject(trialMails.getFirst())).isEqualTo("Bienvenido a LATAMLAB.AI - ¡Tu prueba de 14 días comenzó! \uD83C\uDF89");
        assertThat(MailFixtures.textPart(trialMails.getFirst())).contains("Tu prueba gratuita de 14 días comenzó")
                .contains("y dura hasta el");
    }

    static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
