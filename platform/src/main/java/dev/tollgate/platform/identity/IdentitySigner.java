package dev.tollgate.platform.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies forwarded identity with HMAC-SHA256 over every identity value and the time
 * of signing. A signature older than {@code maxAge} is refused so a captured header set cannot
 * be replayed for long.
 */
public final class IdentitySigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;
    private final Duration maxAge;
    private final Clock clock;

    public IdentitySigner(String secret, Duration maxAge, Clock clock) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the identity secret must have at least 32 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The headers to forward for a verified caller. */
    public Map<String, String> sign(CallerIdentity identity) {
        String issuedAt = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(IdentityHeaders.USER_ID, identity.userId());
        headers.put(IdentityHeaders.ACCOUNT_ID, identity.accountId());
        headers.put(IdentityHeaders.EMAIL, nullToEmpty(identity.email()));
        headers.put(IdentityHeaders.ROLES, String.join(",", identity.roles()));
        headers.put(IdentityHeaders.ISSUED_AT, issuedAt);
        headers.put(IdentityHeaders.SIGNATURE, signature(identity, issuedAt));
        return headers;
    }

    /** The caller, if the headers carry a valid and fresh signature; empty otherwise. */
    public Optional<CallerIdentity> verify(UnaryOperator<String> header) {
        String userId = header.apply(IdentityHeaders.USER_ID);
        String accountId = header.apply(IdentityHeaders.ACCOUNT_ID);
        String issuedAt = header.apply(IdentityHeaders.ISSUED_AT);
        String signature = header.apply(IdentityHeaders.SIGNATURE);
        if (isBlank(userId) || isBlank(accountId) || isBlank(issuedAt) || isBlank(signature)) {
            return Optional.empty();
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(issuedAt));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Duration age = Duration.between(signedAt, clock.instant()).abs();
        if (age.compareTo(maxAge) > 0) {
            return Optional.empty();
        }
        String roles = nullToEmpty(header.apply(IdentityHeaders.ROLES));
        CallerIdentity identity = new CallerIdentity(userId, accountId, emptyToNull(header.apply(IdentityHeaders.EMAIL)),
                roles.isBlank() ? List.of() : Arrays.stream(roles.split(",")).map(String::trim).toList());
        byte[] expected = signature(identity, issuedAt).getBytes(StandardCharsets.UTF_8);
        boolean valid = MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
        return valid ? Optional.of(identity) : Optional.empty();
    }

    private String signature(CallerIdentity identity, String issuedAt) {
        String canonical = String.join("\n", identity.userId(), identity.accountId(), nullToEmpty(identity.email()),
                String.join(",", identity.roles()), issuedAt);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
