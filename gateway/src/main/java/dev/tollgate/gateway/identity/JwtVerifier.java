package dev.tollgate.gateway.identity;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 */
public class JwtVerifier {

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String accountClaim;

    public JwtVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, String accountClaim) {
        this.accountClaim = accountClaim;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "aud"), null));
    }

    /** The verified caller; throws {@link InvalidTokenException} with a client-safe reason otherwise. */
    public CallerIdentity verify(String token) {
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
            return new CallerIdentity(claims.getSubject(), account, claims.getStringClaim("email"), roles);
        } catch (ParseException e) {
            throw new InvalidTokenException("The bearer token has malformed claims: " + e.getMessage());
        } catch (Ids.InvalidIdException e) {
            throw new InvalidTokenException(e.getMessage());
        }
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
