package dev.tollgate.gateway.access;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import dev.tollgate.platform.web.ProblemResponses;

/**
 * CORS at the edge with Spring's own {@link CorsFilter}, placed in the security chain before
 * authentication: a preflight from a configured origin is answered here (never forwarded, never asked
 * for a token); a cross-origin request from any other origin is a 403 problem. With no origins
 * configured there is no CORS configuration at all: requests pass untouched and a preflight meets the
 * deny-by-default rules (401 problem, no {@code Access-Control-*} header).
 */
final class EdgeCors {

    /** Headers a frontend sends: the bearer token, the body type, and the idempotency key of retried POSTs. */
    static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT, "Idempotency-Key", "X-Request-Id");
    /** Answer headers a frontend may read besides the CORS-safelisted ones. */
    static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
            HttpHeaders.WWW_AUTHENTICATE, "RateLimit", "RateLimit-Policy", "X-Request-Id");

    private EdgeCors() {
    }

    static CorsFilter filter(CorsSettings settings) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!settings.allowedOrigins().isEmpty()) {
            CorsConfiguration api = new CorsConfiguration();
            api.setAllowedOrigins(settings.allowedOrigins());
            api.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
            api.setAllowedHeaders(REQUEST_HEADERS);
            api.setExposedHeaders(EXPOSED_HEADERS);
            // Callers authenticate with a bearer token, never a cookie: no credentials mode.
            api.setAllowCredentials(false);
            api.setMaxAge(settings.maxAge());
            // Webhooks come from Stripe's servers, not from browsers, and keep no CORS configuration.
            source.registerCorsConfiguration("/api/**", api);
            source.registerCorsConfiguration("/dev/**", api);
        }
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor());
        return filter;
    }

    /** Spring's processor, refusing with a problem detail instead of its plain-text "Invalid CORS request". */
    private static final class ProblemCorsProcessor extends DefaultCorsProcessor {

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            HttpServletResponse servlet = ((ServletServerHttpResponse) response).getServletResponse();
            ProblemResponses.write(servlet, 403, "Forbidden", "This origin, method or header is not allowed for "
                    + "cross-origin requests (tollgate.gateway.cors.allowed-origins).", null);
        }
    }
}
