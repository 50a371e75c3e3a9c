package dev.tollgate.gateway.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer the required {@code iss} claim
 * @param jwksUrl where the issuer publishes its keys; empty to use the development issuer's key
 * @param accountClaim the claim that names the caller's account (tenant)
 * @param devIssuerEnabled whether this gateway mints development tokens at {@code POST /dev/tokens}
 */
@ConfigurationProperties("tollgate.gateway.jwt")
public record JwtSettings(String issuer, String jwksUrl, String accountClaim, boolean devIssuerEnabled) {

    public JwtSettings {
        accountClaim = accountClaim == null || accountClaim.isBlank() ? "account_id" : accountClaim;
    }
}
