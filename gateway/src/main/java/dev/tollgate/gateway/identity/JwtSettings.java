package dev.tollgate.gateway.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer the required {@code iss} claim
 * @param audience the {@code aud} value a token must carry to be accepted here (env {@code TOLLGATE_JWT_AUDIENCE})
 * @param jwksUrl where the issuer publishes its keys; empty to use the development issuer's key
 * @param accountClaim the claim that names the caller's account (tenant)
 * @param devIssuerEnabled whether this gateway mints development tokens at {@code POST /dev/tokens}
 */
@ConfigurationProperties("tollgate.gateway.jwt")
public record JwtSettings(String issuer, String audience, String jwksUrl, String accountClaim, boolean devIssuerEnabled) {

    public JwtSettings {
        if (audience == null || audience.isBlank()) {
            throw new IllegalStateException("Set tollgate.gateway.jwt.audience (env TOLLGATE_JWT_AUDIENCE) to the audience "
                    + "your identity provider puts into tokens meant for this API.");
        }
        accountClaim = accountClaim == null || accountClaim.isBlank() ? "account_id" : accountClaim;
    }
}
