package dev.tollgate.notification.community;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.notification.language.AccountLanguages;
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
    static final String ACCEPTED_TYPE = "community.invitation-accepted.v1";

    private final JsonMapper json;
    private final Mailer mailer;
    private final CommunityMessages messages;
    private final AccountLanguages languages;
    private final JdbcClient jdbc;
    private final SecretKeySpec key;

    InvitationMailer(JsonMapper json, Mailer mailer, CommunityMessages messages, AccountLanguages languages, JdbcClient jdbc,
            @Value("${tollgate.notification.invitations.link-key:}") String linkKey) {
        this.json = json;
        this.mailer = mailer;
        this.messages = messages;
        this.languages = languages;
        this.jdbc = jdbc;
        if (linkKey == null || linkKey.isBlank()) {
            throw new IllegalStateException("tollgate.notification.invitations.link-key (TOLLGATE_INVITATION_LINK_KEY) is not set");
        }
        this.key = new SecretKeySpec(Base64.getDecoder().decode(linkKey.strip()), "AES");
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.COMMUNITY).on(TYPE, this::mailFor)
                .on(ACCEPTED_TYPE, this::accepted);
    }

    void mailFor(EventEnvelope envelope) {
        InvitationSent sent = envelope.dataAs(InvitationSent.class, json);
        if (!Ids.isAccountId(sent.accountId()) || sent.inviteeEmail() == null || sent.invitationId() == null) {
            throw new MalformedEventException("event " + envelope.id() + " (" + TYPE + ") lacks its account, invitee or invitation id");
        }
        String token = open(sent.sealedToken(), sent.invitationId(), envelope.id());
        // The invitee is written to in the inviting account's language: an invitee may have no account of its own yet.
        mailer.write(sent.accountId(), envelope.id(), sent.inviteeEmail(), CommunityMessages.INVITATION,
                messages.invitation(sent.groupName(), token, sent.expiresAt(), languages.localeOf(sent.accountId())));
        jdbc.sql("""
                INSERT INTO invitation_note (invitation_id, group_name, invitee_email) VALUES (:id, :group, :invitee)
                ON CONFLICT (invitation_id) DO UPDATE SET group_name = EXCLUDED.group_name""")
                .param("id", sent.invitationId()).param("group", sent.groupName() == null ? "" : sent.groupName())
                .param("invitee", sent.inviteeEmail()).update();
    }

    /** The inviter's account (the event's {@code accountId}) hears who joined, at its last known address. */
    void accepted(EventEnvelope envelope) {
        InvitationAccepted accepted = envelope.dataAs(InvitationAccepted.class, json);
        if (!Ids.isAccountId(accepted.accountId()) || accepted.invitationId() == null) {
            throw new MalformedEventException("event " + envelope.id() + " (" + ACCEPTED_TYPE + ") lacks its account or invitation id");
        }
        var note = jdbc.sql("SELECT group_name, invitee_email FROM invitation_note WHERE invitation_id = :id")
                .param("id", accepted.invitationId())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        mailer.write(accepted.accountId(), envelope.id(), null, CommunityMessages.ACCEPTED,
                messages.accepted(note.map(row -> row[0]).filter(name -> !name.isBlank()).orElse(null), accepted.groupSlug(),
                        note.map(row -> row[1]).orElse(null), languages.localeOf(accepted.accountId())));
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

    /** Our read model of {@code community.invitation-accepted.v1}. */
    record InvitationAccepted(String accountId, String invitationId, String groupId, String groupSlug) {
    }

    /** Our read model of {@code community.invitation-sent.v1}. */
    record InvitationSent(String accountId, String invitationId, String groupName, String inviteeEmail, Instant expiresAt,
            String sealedToken) {
    }
}
