package dev.tollgate.platform.identity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A service's side of the internal identity: accepts a token only if one of the gateway's public
 * keys (the JWKS the service is configured with) signed it, it names this service as its audience,
 * is not expired and was not issued in the future beyond a small clock skew. A service holds no
 * key that can sign, so a compromised service cannot make a token another service accepts, and a
 * token it received names only itself. Tokens already verified are remembered (Caffeine, until
 * they expire) so the gateway's reused token costs one signature check per service, not one per
 * request.
 */
public final class InternalTokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(InternalTokenVerifier.class);

    private final Map<String, JWSVerifier> keys;
    private final String audience;
    private final Duration skew;
    private final Clock clock;
    private final Cache<String, Verified> verified;

    public InternalTokenVerifier(JWKSet trustedKeys, String audience, Duration skew, Clock clock) {
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("a verifier needs its own service name as the audience");
        }
        this.keys = trustedKeys.getKeys().stream()
                .collect(Collectors.toUnmodifiableMap(InternalTokenVerifier::keyId, k -> Ed25519Jws.verifier(asOkp(k))));
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the JWKS holds no key");
        }
        this.audience = audience;
        this.skew = skew;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(100_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, Verified>creating((token, held) -> Duration.between(clock.instant(), held.expiresAt())))
                .build();
    }

    /**
     * Parses the public JWKS a service is configured with.
     *
     * @param variable the setting that holds it, named in the error
     */
    public static InternalTokenVerifier fromJwks(String jwks, String audience, Duration skew, Clock clock, String variable) {
        try {
            return new InternalTokenVerifier(JWKSet.parse(jwks), audience, skew, clock);
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(variable + " must be a JWKS of Ed25519 public keys "
                    + "({\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":...,\"x\":...}]}): " + e.getMessage(), e);
        }
    }

    /** The caller the token names, if it is valid for this service now; empty otherwise. */
    public Optional<CallerIdentity> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Verified held = verified.getIfPresent(token);
        if (held != null) {
            return Optional.of(held.caller());
        }
        Optional<Verified> checked = check(token);
        checked.ifPresent(v -> verified.put(token, v));
        return checked.map(Verified::caller);
    }

    private Optional<Verified> check(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
            if (!JWSAlgorithm.EdDSA.equals(algorithm) && !JWSAlgorithm.Ed25519.equals(algorithm)) {
                return refused("algorithm " + algorithm);
            }
            JWSVerifier key = keys.get(String.valueOf(jwt.getHeader().getKeyID()));
            if (key == null) {
                return refused("unknown key id " + jwt.getHeader().getKeyID());
            }
            if (!jwt.verify(key)) {
                return refused("bad signature");
            }
            return claims(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return refused("unreadable token: " + e.getMessage());
        }
    }

    private Optional<Verified> claims(JWTClaimsSet claims) throws ParseException {
        Instant now = clock.instant();
        Date issuedAt = claims.getIssueTime();
        Date expiresAt = claims.getExpirationTime();
        if (!InternalToken.ISSUER.equals(claims.getIssuer())) {
            return refused("issuer " + claims.getIssuer());
        }
        if (!List.of(audience).equals(claims.getAudience())) {
            return refused("audience " + claims.getAudience());
        }
        if (issuedAt == null || expiresAt == null) {
            return refused("no iat or exp");
        }
        if (issuedAt.toInstant().isAfter(now.plus(skew))) {
            return refused("issued in the future");
        }
        if (!now.isBefore(expiresAt.toInstant())) {
            return refused("expired");
        }
        String user = claims.getSubject();
        String account = claims.getStringClaim(InternalToken.ACCOUNT_ID);
        if (!Ids.isUserId(user) || !Ids.isAccountId(account)) {
            return refused("invalid user or account id");
        }
        List<String> roles = claims.getStringListClaim(InternalToken.ROLES);
        CallerIdentity caller = new CallerIdentity(user, account, claims.getStringClaim(InternalToken.EMAIL),
                roles == null ? List.of() : roles);
        return Optional.of(new Verified(caller, expiresAt.toInstant()));
    }

    private static Optional<Verified> refused(String reason) {
        // Debug only: a client that reaches a service directly could otherwise fill its log.
        log.debug("Internal identity token refused: {}", reason);
        return Optional.empty();
    }

    private static String keyId(JWK key) {
        if (key.getKeyID() == null || key.getKeyID().isBlank()) {
            throw new IllegalArgumentException("every key in the JWKS needs a 'kid'");
        }
        return key.getKeyID();
    }

    private static OctetKeyPair asOkp(JWK key) {
        if (!(key instanceof OctetKeyPair okp)) {
            throw new IllegalArgumentException("key '" + key.getKeyID() + "' is " + key.getKeyType() + ", not an Ed25519 OKP key");
        }
        if (okp.isPrivate()) {
            throw new IllegalArgumentException("key '" + key.getKeyID() + "' includes its private part ('d'); "
                    + "a service holds only public keys");
        }
        return okp;
    }

    private record Verified(CallerIdentity caller, Instant expiresAt) {
    }
}
