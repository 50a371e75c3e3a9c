package dev.tollgate.notification.community;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.tollgate.notification.mail.MailSettings;
import dev.tollgate.notification.mail.Mailer;
import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.Ids;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mails a community invitation to its invitee. The token arrives sealed (AES-256-GCM, the
 * invitation id as associated data) with the key only community-service and this service hold,
 * so the accept link is built here and nowhere else; other readers of the topic see ciphertext.
 */
@Component
class InvitationMailer implements EventConsumer {

    static final String CONSUMER = "notification-service.community-events";
    static final String TYPE = "community.invitation-sent.v1";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final JsonMapper json;
    private final Mailer mailer;
    private final MailSettings settings;
    private final SecretKeySpec key;

    InvitationMailer(JsonMapper json, Mailer mailer, MailSettings settings,
            @Value("${tollgate.notification.invitations.link-key:}") String linkKey) {
        this.json = json;
        this.mailer = mailer;
        this.settings = settings;
        if (linkKey == null || linkKey.isBlank()) {
            throw new IllegalStateException("tollgate.notification.invitations.link-key (TOLLGATE_INVITATION_LINK_KEY) is not set");
        }
        this.key = new SecretKeySpec(Base64.getDecoder().decode(linkKey.strip()), "AES");
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.COMMUNITY).on(TYPE, this::mailFor);
    }

    void mailFor(EventEnvelope envelope) {
        InvitationSent sent = envelope.dataAs(InvitationSent.class, json);
        if (!Ids.isAccountId(sent.accountId()) || sent.inviteeEmail() == null || sent.invitationId() == null) {
            throw new MalformedEventException("event " + envelope.id() + " (" + TYPE + ") lacks its account, invitee or invitation id");
        }
        String token = open(sent.sealedToken(), sent.invitationId(), envelope.id());
        String link = settings.appUrl() + "/invitations/accept?token=" + token;
        mailer.write(sent.accountId(), envelope.id(), sent.inviteeEmail(),
                "You're invited to join " + sent.groupName() + " on " + settings.brand(), "community-invitation",
                Map.of("brand", settings.brand(), "groupName", sent.groupName(), "link", link,
                        "expiresOn", sent.expiresAt() == null ? "" : DATE.format(sent.expiresAt())));
    }

    private String open(String sealed, String invitationId, String eventId) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(sealed));
            byte[] iv = new byte[12];
            bytes.get(iv);
            byte[] rest = new byte[bytes.remaining()];
            bytes.get(rest);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(invitationId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(rest), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | java.nio.BufferUnderflowException | NullPointerException e) {
            // Sealed with another key or altered: retrying cannot help; the dead-letter topic keeps it for an operator.
            throw new MalformedEventException("event " + eventId + ": the invitation token cannot be opened with this"
                    + " service's TOLLGATE_INVITATION_LINK_KEY", e);
        }
    }

    /** Our read model of {@code community.invitation-sent.v1}. */
    record InvitationSent(String accountId, String invitationId, String groupName, String inviteeEmail, Instant expiresAt,
            String sealedToken) {
    }
}
