package dev.tollgate.subscription.admin;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.Ed25519Jws;
import dev.tollgate.platform.web.ApiProblem;

/**
 * Signs the read-only impersonation token support uses to see an account as its users do: a JWT
 * (EdDSA, this service's own Ed25519 key, never the gateway's) for the gateway, naming the account as
 * the subject and the admin in an {@code act} claim (RFC 8693, actor), with the scope
 * {@value #SCOPE}; it lives at most 15 minutes. The gateway trusts the public half from its
 * configuration and accepts the token only for GET and HEAD.
 */
@Component
class ImpersonationTokens {

    static final String ISSUER = "subscription-service";
    static final String AUDIENCE = "tollgate-gateway";
    static final String SCOPE = "impersonation:read";
    static final Duration MAX_TTL = Duration.ofMinutes(15);

    private final OctetKeyPair key;
    private final JWSSigner signer;
    private final Duration ttl;
    private final Clock clock;

    ImpersonationTokens(@Value("${tollgate.subscription.impersonation.signing-key:}") String signingKey,
            @Value("${tollgate.subscription.impersonation.ttl:15m}") Duration ttl, Clock clock) {
        this.clock = clock;
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("tollgate.subscription.impersonation.ttl must be more than 0 and at most 15m, not " + ttl);
        }
        this.ttl = ttl;
        if (signingKey == null || signingKey.isBlank()) {
            this.key = null;
            this.signer = null;
            return;
        }
        try {
            this.key = OctetKeyPair.parse(signingKey);
        } catch (ParseException e) {
            throw new IllegalArgumentException("TOLLGATE_IMPERSONATION_SIGNING_KEY is not an Ed25519 private JWK: " + e.getMessage(), e);
        }
        if (key.getKeyID() == null) {
            throw new IllegalArgumentException("TOLLGATE_IMPERSONATION_SIGNING_KEY needs a 'kid'");
        }
        this.signer = Ed25519Jws.signer(key);
    }

    /** A signed token and what the audit log keeps of it (never the token itself). */
    record Issued(String token, String tokenId, Instant issuedAt, Instant expiresAt, String scope) {
    }

    Issued issue(CallerIdentity admin, String accountId) {
        if (signer == null) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Impersonation not configured",
                    "This deployment has no impersonation signing key (TOLLGATE_IMPERSONATION_SIGNING_KEY).");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(ttl);
        String tokenId = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(accountId)
                .claim("account_id", accountId)
                .claim("act", Map.of("sub", admin.userId(), "email", admin.email() == null ? "" : admin.email()))
                .claim("scope", SCOPE)
                .jwtID(tokenId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                .build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an impersonation token", e);
        }
        return new Issued(jwt.serialize(), tokenId, now, expires, SCOPE);
    }

    static List<String> readOnlyMethods() {
        return List.of("GET", "HEAD");
    }
}
