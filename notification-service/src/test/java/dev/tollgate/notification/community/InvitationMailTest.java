package dev.tollgate.notification.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.secrets.RequiredSecretsEnvironmentPostProcessor;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.TestKafka;

@DirtiesContext
@SpringBootTest(classes = NotificationApplication.class, properties = "spring.config.name=" + NotificationApplication.CONFIG_NAME)
@ContextConfiguration(initializers = RealInfrastructure.class)
class InvitationMailTest {

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
    void anInvitationSentEventMailsTheInviteeALinkWithTheUnsealedToken() throws Exception {
        String invitationId = UUID.randomUUID().toString();
        String token = "tok_" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String body = """
                {"eventId":"%s","accountId":"acct_inviter","occurredAt":"%s","invitationId":"%s","groupId":"%s",
                 "groupSlug":"el-club-de-la-ia","groupName":"El Club de la IA","inviteeEmail":"invitee@example.com",
                 "invitedBy":"user_alec","expiresAt":"2030-01-15T10:00:00Z","sealedToken":"%s"}"""
                .formatted(eventId, Instant.now(), invitationId, UUID.randomUUID(), seal(token, invitationId));
        {
            TestKafka.send(Topics.COMMUNITY, "acct_inviter", body, CloudEventHeaders.of(eventId, "/tollgate/community-service",
                    "community.invitation-sent.v1", Instant.now(), "acct_inviter"));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> !SMTP.mailsTo("invitee@example.com").isEmpty());
        var mail = SMTP.mailsTo("invitee@example.com").getFirst();
        // The inviting account chose no language: Latin American Spanish, with accept and decline links.
        assertThat(mail.getSubject()).isEqualTo("Te invitaron a unirte a El Club de la IA en LATAMLAB.AI");
        assertThat(MailFixtures.textPart(mail)).contains("/invitations/accept?token=" + token)
                .contains("/invitations/decline?token=" + token).contains("15 de enero de 2030");
        assertThat(body).doesNotContain(token);
    }

    static String seal(String token, String invitationId) throws Exception {
        byte[] key = Base64.getDecoder().decode(RequiredSecretsEnvironmentPostProcessor.developmentValues()
                .get("tollgate.notification.invitations.link-key"));
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(invitationId.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
    }
}
