package dev.tollgate.community.invitation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import dev.tollgate.community.CommunitySettings;

/**
 * Invitation tokens: 32 random bytes (256 bits, base64url), stored only as their SHA-256, and sealed
 * (AES-256-GCM, the invitation id as associated data) for the one event that carries them to
 * notification-service. The JDK's own crypto: no library needed for these two primitives.
 */
@Component
class InvitationTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    InvitationTokens(CommunitySettings settings) {
        String configured = settings.invitations() == null ? null : settings.invitations().linkKey();
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("tollgate.community.invitations.link-key (TOLLGATE_INVITATION_LINK_KEY) is not set");
        }
        byte[] bytes = Base64.getDecoder().decode(configured.strip());
        if (bytes.length != 32) {
            throw new IllegalStateException("TOLLGATE_INVITATION_LINK_KEY must be 32 bytes, base64 (openssl rand -base64 32)");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    static String newToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.strip().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String seal(String token, UUID invitationId) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(invitationId.toString().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal an invitation token", e);
        }
    }
}
