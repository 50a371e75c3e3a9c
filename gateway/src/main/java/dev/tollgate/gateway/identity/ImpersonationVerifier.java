package dev.tollgate.gateway.identity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.Ed25519Jws;
import dev.tollgate.platform.identity.Ids;

/**
 * Verifies a read-only impersonation token from subscription-service (EdDSA, a key of its configured
 * JWKS, issuer, audience, expiry, the read-only scope, an {@code act} claim naming the admin, RFC 8693)
 * and reads the caller the services see: the admin as the user, the impersonated account as the
 * account, and only the role {@value #ROLE}, so no admin path and no write is open to it.
 */
public class ImpersonationVerifier {

    public static final String ROLE = "support_impersonation";
    static final String SCOPE = "impersonation:read";

    private final JWKSet keys;
    private final ImpersonationSettings settings;
    private final Clock clock;

    public ImpersonationVerifier(ImpersonationSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        try {
            this.keys = JWKSet.parse(settings.jwks());
        } catch (ParseException e) {
            throw new IllegalArgumentException("TOLLGATE_IMPERSONATION_JWKS is not a JWKS: " + e.getMessage(), e);
        }
    }

    /** Whether the bearer token is one of ours to check: EdDSA (user tokens are RS256). */
    static boolean isImpersonationToken(String token) {
        try {
            return JWSAlgorithm.EdDSA.equals(SignedJWT.parse(token).getHeader().getAlgorithm());
        } catch (ParseException e) {
            return false;
        }
    }

    public CallerIdentity verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new JwtVerifier.InvalidTokenException("The impersonation token is not a JWT.");
        }
        JWK key = jwt.getHeader().getKeyID() == null ? null : keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        if (!(key instanceof OctetKeyPair ed25519)) {
            throw new JwtVerifier.InvalidTokenException("The impersonation token is signed by a key the gateway does not trust.");
        }
        try {
            if (!jwt.verify(Ed25519Jws.verifier(ed25519))) {
                throw new JwtVerifier.InvalidTokenException("The impersonation token's signature is not valid.");
            }
        } catch (JOSEException e) {
            throw new JwtVerifier.InvalidTokenException("The impersonation token could not be verified.");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || !now.isBefore(expires.toInstant())) {
            throw new JwtVerifier.InvalidTokenException("The impersonation token has expired.");
        }
        if (claims.getNotBeforeTime() != null && now.plusSeconds(5).isBefore(claims.getNotBeforeTime().toInstant())) {
            throw new JwtVerifier.InvalidTokenException("The impersonation token is not valid yet.");
        }
        if (!settings.issuer().equals(claims.getIssuer()) || claims.getAudience() == null
                || !claims.getAudience().contains(settings.audience())) {
            throw new JwtVerifier.InvalidTokenException("The impersonation token has the wrong issuer or audience.");
        }
        try {
            if (!SCOPE.equals(claims.getStringClaim("scope"))) {
                throw new JwtVerifier.InvalidTokenException("The impersonation token has no read-only scope.");
            }
            Map<String, Object> actor = claims.getJSONObjectClaim("act");
            Object admin = actor == null ? null : actor.get("sub");
            if (!(admin instanceof String adminId)) {
                throw new JwtVerifier.InvalidTokenException("The impersonation token names no actor ('act').");
            }
            String account = claims.getStringClaim("account_id");
            Ids.requireUserId(adminId, "the impersonation token's 'act.sub'");
            Ids.requireAccountId(account, "the impersonation token's 'account_id'");
            Object email = actor.get("email");
            return new CallerIdentity(adminId, account, email instanceof String e && !e.isBlank() ? e : null, List.of(ROLE));
        } catch (ParseException e) {
            throw new JwtVerifier.InvalidTokenException("The impersonation token has malformed claims: " + e.getMessage());
        } catch (Ids.InvalidIdException e) {
            throw new JwtVerifier.InvalidTokenException(e.getMessage());
        }
    }
}
