package dev.tollgate.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** A throw-away RS256 issuer for local runs and tests; its key lives only as long as the process. */
public class DevTokenIssuer {

    private final RSAKey key;
    private final String issuer;
    private final String audience;
    private final String accountClaim;
    private final Clock clock;

    public DevTokenIssuer(String issuer, String audience, String accountClaim, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.accountClaim = accountClaim;
        this.clock = clock;
        try {
            this.key = new RSAKeyGenerator(2048).keyID("tollgate-dev-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate the development signing key", e);
        }
    }

    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public IssuedToken mint(String userId, String accountId, String email, List<String> roles, Duration ttl) {
        Instant now = clock.instant();
        Instant expiry = now.plus(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(userId)
                .claim(accountClaim, accountId)
                .claim("email", email)
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a development token", e);
        }
        return new IssuedToken(jwt.serialize(), expiry);
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }
}
