package dev.tollgate.platform.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secret the HMAC key shared by the gateway and the services (env {@code TOLLGATE_IDENTITY_SECRET})
 * @param maxAge how old a forwarded identity may be before a service refuses it
 */
@ConfigurationProperties("tollgate.identity")
public record IdentitySettings(String secret, Duration maxAge) {

    public IdentitySettings {
        maxAge = maxAge == null ? Duration.ofSeconds(60) : maxAge;
    }
}
