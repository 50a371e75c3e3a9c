package dev.tollgate.platform.identity;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service checks the identity the gateway forwards.
 *
 * @param enforce whether this process requires an internal identity token on every request
 *        outside {@code publicPaths}; only the gateway, which authenticates the caller's own JWT,
 *        turns it off
 * @param jwks the gateway's public keys, a JWKS of Ed25519 keys (env {@code TOLLGATE_INTERNAL_JWKS})
 * @param publicPaths requests served without identity, as {@code [METHOD ]pattern} (Spring path
 *        patterns, e.g. {@code GET /api/billing/plans}); the actuator and the error page are always public
 * @param clockSkew how far in the future a token's issue time may lie, for clocks that differ a little
 */
@ConfigurationProperties("tollgate.identity")
public record IdentitySettings(Boolean enforce, String jwks, List<String> publicPaths, Duration clockSkew) {

    public static final String JWKS_VARIABLE = "TOLLGATE_INTERNAL_JWKS";

    public IdentitySettings {
        enforce = enforce == null || enforce;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        clockSkew = clockSkew == null ? Duration.ofSeconds(5) : clockSkew;
    }
}
