package dev.tollgate.platform.identity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The gateway's side of the internal identity: signs, with the gateway's Ed25519 private key, a
 * short-lived token for one caller and one target service. A token is reused for the same caller
 * and audience until a third of its lifetime is left (Caffeine evicts it then), so a busy caller
 * costs one signature per service per {@code ttl * 2/3}, not one per request.
 */
public final class InternalTokenIssuer {

    private final OctetKeyPair key;
    private final JWSSigner signer;
    private final Duration ttl;
    private final Clock clock;
    private final Cache<Grant, String> tokens;

    public InternalTokenIssuer(OctetKeyPair key, Duration ttl, Clock clock) {
        if (key.getKeyID() == null || key.getKeyID().isBlank()) {
            throw new IllegalArgumentException("the signing key needs a 'kid' so services can pick it from their JWKS");
        }
        this.key = key;
        this.signer = Ed25519Jws.signer(key);
        this.ttl = ttl;
        this.clock = clock;
        this.tokens = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(ttl.minus(ttl.dividedBy(3)))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /**
     * Parses the private JWK the gateway is configured with.
     *
     * @param variable the setting that holds it, named in the error
     */
    public static InternalTokenIssuer fromJwk(String jwk, Duration ttl, Clock clock, String variable) {
        try {
            return new InternalTokenIssuer(OctetKeyPair.parse(jwk), ttl, clock);
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(variable + " must be an Ed25519 private JWK "
                    + "({\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":...,\"x\":...,\"d\":...}): " + e.getMessage(), e);
        }
    }

    /** A token naming {@code caller} that only the service called {@code audience} accepts. */
    public String tokenFor(CallerIdentity caller, String audience) {
        return tokens.get(new Grant(caller, audience), this::sign);
    }

    private String sign(Grant grant) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(InternalToken.ISSUER)
                .audience(grant.audience())
                .subject(grant.caller().userId())
                .claim(InternalToken.ACCOUNT_ID, grant.caller().accountId())
                .claim(InternalToken.EMAIL, grant.caller().email())
                .claim(InternalToken.ROLES, grant.caller().roles())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an internal identity token", e);
        }
        return jwt.serialize();
    }

    private record Grant(CallerIdentity caller, String audience) {
    }
}
