package dev.tollgate.notification.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The signed, expiring token of a one-click unsubscribe link (RFC 8058): who (account and address),
 * from what (a non-essential category) and until when, signed with HMAC-SHA256 under
 * {@code NOTIFICATION_UNSUBSCRIBE_KEY}. HMAC rather than a stored random token because the link is
 * made when the mail leaves, possibly long after it was written, and needs no row until it is used;
 * the single use is kept by {@code unsubscribe_use} (the token's hash), not by the token.
 */
@Component
public class UnsubscribeTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Duration ttl;
    private final String baseUrl;

    UnsubscribeTokens(@Value("${tollgate.notification.unsubscribe.key:}") String key,
            @Value("${tollgate.notification.unsubscribe.ttl:P60D}") Duration ttl,
            @Value("${tollgate.notification.unsubscribe.base-url:https://latamlab.ai}") String baseUrl) {
        if (key == null || key.length() < 16) {
            throw new IllegalStateException("tollgate.notification.unsubscribe.key (NOTIFICATION_UNSUBSCRIBE_KEY) must be set,"
                    + " at least 16 characters (openssl rand -base64 32)");
        }
        if (!baseUrl.startsWith("https://") && !baseUrl.startsWith("http://localhost") && !baseUrl.startsWith("http://127.0.0.1")) {
            throw new IllegalStateException("tollgate.notification.unsubscribe.base-url (PUBLIC_API_URL) must be an https URL, not "
                    + baseUrl);
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.ttl = ttl;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The https URL of the {@code List-Unsubscribe} header, valid for the configured time from now. */
    public String link(String accountId, String email, MailCategory category) {
        return baseUrl + "/api/notifications/unsubscribe?token=" + issue(accountId, email, category, Instant.now().plus(ttl));
    }

    public String issue(String accountId, String email, MailCategory category, Instant expiresAt) {
        String payload = String.join("\n", accountId, email.toLowerCase(java.util.Locale.ROOT), category.key(),
                Long.toString(expiresAt.getEpochSecond()));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes));
    }

    /** The token's claims if its signature holds (expired or not: the caller says which); null when it is not ours. */
    public Claims read(String token) {
        if (token == null) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                return null;
            }
            // One token, one spelling: Base64 also decodes padded or low-bit-altered variants, which would
            // otherwise be new strings that verify, and use the link a second time.
            if (!token.equals(ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(signature))) {
                return null;
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            MailCategory category = parts.length == 4 ? MailCategory.optional(parts[2]) : null;
            if (category == null) {
                return null;
            }
            return new Claims(parts[0], parts[1], category, Instant.ofEpochSecond(Long.parseLong(parts[3])),
                    hash(token));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** @param tokenHash the SHA-256 of the whole token: what records its single use */
    public record Claims(String accountId, String email, MailCategory category, Instant expiresAt, String tokenHash) {
    }
}
