package dev.tollgate.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled whether authenticated API calls are counted at all
 * @param defaultPerMinute the limit of an account whose entitlements name none (or are not known yet)
 * @param defaultPerDay as {@code defaultPerMinute}, per day
 */
@ConfigurationProperties("tollgate.gateway.rate-limit")
public record RateLimitSettings(boolean enabled, long defaultPerMinute, long defaultPerDay) {

    public RateLimitSettings {
        if (defaultPerMinute <= 0 || defaultPerDay <= 0) {
            throw new IllegalStateException("tollgate.gateway.rate-limit.default-per-minute and default-per-day must be "
                    + "positive; got " + defaultPerMinute + " and " + defaultPerDay + ".");
        }
    }
}
