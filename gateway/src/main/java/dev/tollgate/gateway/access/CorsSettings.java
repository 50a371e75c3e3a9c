package dev.tollgate.gateway.access;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which browser origins (frontends) may call the API from another origin.
 *
 * @param allowedOrigins exact origins such as {@code https://app.example.com} (env
 *        {@code TOLLGATE_CORS_ALLOWED_ORIGINS}, comma separated); none by default, so no cross-origin
 *        browser call is allowed until an operator names its frontends
 * @param maxAge how long a browser may cache a successful preflight
 */
@ConfigurationProperties("tollgate.gateway.cors")
public record CorsSettings(List<String> allowedOrigins, Duration maxAge) {

    public CorsSettings {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
        for (String origin : allowedOrigins) {
            // A wildcard would let every site on the web drive a logged-in user's browser against the API.
            if (origin.contains("*") || !origin.matches("https?://[^/?#\\s]+")) {
                throw new IllegalStateException("tollgate.gateway.cors.allowed-origins (env TOLLGATE_CORS_ALLOWED_ORIGINS) "
                        + "takes exact origins like https://app.example.com (scheme, host and optional port, no path "
                        + "and no wildcard); got '" + origin + "'.");
            }
        }
        maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
    }
}
