package dev.tollgate.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.Ids;

/**
 * Verifies an RS256 bearer token (signature, issuer, audience, expiry) and reads the caller from its
 * claims; a user or account id outside {@link Ids}' format is refused here, at the edge.
 * <p>
 * A token verified once is remembered (by its SHA-256, in a bounded Caffeine cache) until it expires,
 * at most {@code rememberFor}: the RSA signature check was a quarter of the gateway's time per request
 * (issue 13's profile), and a frontend sends the same token many times. A remembered token is
 * refused from the instant a fresh one would be ({@code exp} plus Nimbus's 60 s clock skew); a key
 * removed from the identity provider's JWKS stops the tokens it signed within {@code rememberFor}.
 */
public class JwtVerifier {

    /** Nimbus's tolerance for the identity provider's clock; a remembered token ends where a fresh one would. */
    private static final int CLOCK_SKEW_SECONDS = DefaultJWTClaimsVerifier.DEFAULT_MAX_CLOCK_SKEW_SECONDS;

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String accountClaim;
    private final Clock clock;
    private final Cache<String, Verified> verified;

    /**
     * Expiry is judged by the machine's real time, never the application's {@link Clock} bean: tests
     * move that one by days, and the identity provider's tokens live in real time.
     */
    public JwtVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, String accountClaim) {
        this(keys, issuer, audience, accountClaim, Clock.systemUTC(), Duration.ofMinutes(5));
    }

    public JwtVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, String accountClaim, Clock clock,
            Duration rememberFor) {
        this.accountClaim = accountClaim;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(rememberFor).build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "aud"), null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The verified caller; throws {@link InvalidTokenException} with a client-safe reason otherwise. */
    public CallerIdentity verify(String token) {
        String key = digest(token);
        Verified known = verified.getIfPresent(key);
        if (known != null && clock.instant().isBefore(known.expiresAt())) {
            return known.caller();
        }
        Verified now = verifyNow(token);
        verified.put(key, now);
        return now.caller();
    }

    private Verified verifyNow(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("The bearer token is not a JWT.");
        } catch (KeySourceException e) {
            throw new KeysUnavailableException(e);
        } catch (BadJOSEException e) {
            throw new InvalidTokenException("The bearer token was rejected: " + e.getMessage());
        } catch (JOSEException e) {
            throw new InvalidTokenException("The bearer token could not be verified.");
        }
        try {
            String account = claims.getStringClaim(accountClaim);
            if (account == null || account.isBlank()) {
                throw new InvalidTokenException("The bearer token has no '" + accountClaim + "' claim naming the account.");
            }
            Ids.requireUserId(claims.getSubject(), "the bearer token's 'sub' claim");
            Ids.requireAccountId(account, "the bearer token's '" + accountClaim + "' claim");
            List<String> roles = Optional.ofNullable(claims.getStringListClaim("roles")).orElse(List.of());
            return new Verified(new CallerIdentity(claims.getSubject(), account, claims.getStringClaim("email"), roles),
                    claims.getExpirationTime().toInstant().plusSeconds(CLOCK_SKEW_SECONDS));
        } catch (ParseException e) {
            throw new InvalidTokenException("The bearer token has malformed claims: " + e.getMessage());
        } catch (Ids.InvalidIdException e) {
            throw new InvalidTokenException(e.getMessage());
        }
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Verified(CallerIdentity caller, Instant expiresAt) {
    }

    /** The identity provider's keys cannot be read: the platform's outage, not the caller's mistake. */
    public static class KeysUnavailableException extends RuntimeException {
        public KeysUnavailableException(Throwable cause) {
            super("The identity provider's signing keys are unavailable right now; try again shortly.", cause);
        }
    }

    public static class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String message) {
            super(message);
        }
    }
}
