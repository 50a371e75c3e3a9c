package dev.tollgate.gateway.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param signingKey the gateway's Ed25519 private JWK (env {@code TOLLGATE_INTERNAL_SIGNING_KEY}); the
 *        services hold its public half ({@code TOLLGATE_INTERNAL_JWKS})
 * @param ttl how long an internal identity token is valid
 */
@ConfigurationProperties("tollgate.gateway.internal-identity")
public record InternalIdentitySettings(String signingKey, Duration ttl) {

    public static final String SIGNING_KEY_VARIABLE = "TOLLGATE_INTERNAL_SIGNING_KEY";

    public InternalIdentitySettings {
        ttl = ttl == null ? Duration.ofSeconds(60) : ttl;
    }
}
