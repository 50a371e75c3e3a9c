package dev.tollgate.gateway.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Support's read-only impersonation tokens, signed by subscription-service.
 *
 * @param jwks the public JWKS of subscription-service's impersonation key (env {@code TOLLGATE_IMPERSONATION_JWKS}); empty:
 *        the gateway accepts no impersonation token. The {@code local} profile sets the development key's public half
 * @param issuer the tokens' {@code iss}
 * @param audience the tokens' {@code aud}
 */
@ConfigurationProperties("tollgate.gateway.impersonation")
public record ImpersonationSettings(String jwks, String issuer, String audience) {

    public ImpersonationSettings {
        issuer = issuer == null || issuer.isBlank() ? "subscription-service" : issuer;
        audience = audience == null || audience.isBlank() ? "tollgate-gateway" : audience;
    }

    public boolean enabled() {
        return jwks != null && !jwks.isBlank();
    }
}
