package dev.tollgate.gateway.identity;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

import dev.tollgate.platform.identity.InternalTokenIssuer;
import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /** Only where enabled: a production gateway holds no key that can mint tokens. */
    @Bean
    @ConditionalOnProperty(name = "tollgate.gateway.jwt.dev-issuer-enabled", havingValue = "true")
    DevTokenIssuer devTokenIssuer(JwtSettings settings, Clock clock) {
        return new DevTokenIssuer(settings.issuer(), settings.audience(), settings.accountClaim(), clock);
    }

    @Bean
    JwtVerifier jwtVerifier(JwtSettings settings, ObjectProvider<DevTokenIssuer> devIssuer, MeterRegistry meters)
            throws MalformedURLException {
        JWKSource<SecurityContext> keys;
        if (settings.jwksUrl() != null && !settings.jwksUrl().isBlank()) {
            keys = GuardedJwkSource.guarding(JWKSourceBuilder.create(URI.create(settings.jwksUrl()).toURL()).retrying(true).build(),
                    meters);
        } else if (settings.devIssuerEnabled()) {
            keys = new ImmutableJWKSet<>(devIssuer.getObject().publicKeys());
        } else {
            throw new IllegalStateException("Set tollgate.gateway.jwt.jwks-url (env TOLLGATE_JWT_JWKS_URL) to your identity "
                    + "provider's JWKS URL, or enable the development issuer with TOLLGATE_DEV_ISSUER_ENABLED=true.");
        }
        return new JwtVerifier(keys, settings.issuer(), settings.audience(), settings.accountClaim());
    }

    /** Signs each forwarded request's identity for the service it goes to; the services hold only the public key. */
    @Bean
    ForwardedIdentity forwardedIdentity(InternalIdentitySettings settings, Clock clock) {
        if (settings.signingKey() == null || settings.signingKey().isBlank()) {
            throw new IllegalStateException("Set " + InternalIdentitySettings.SIGNING_KEY_VARIABLE
                    + " to the gateway's Ed25519 private JWK (./tollgate keys prints a new pair); see the README, Identity.");
        }
        return new ForwardedIdentity(InternalTokenIssuer.fromJwk(settings.signingKey(), settings.ttl(), clock,
                InternalIdentitySettings.SIGNING_KEY_VARIABLE));
    }
}
