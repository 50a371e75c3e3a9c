package dev.tollgate.gateway.identity;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which service a proxied path belongs to: the audience of the identity forwarded to it. Mirrors the
 * routes of {@code gateway.yml} (whose ids are these service names) and matches the same way the
 * router does, with path patterns on the decoded, parsed request path.
 */
public final class RoutedServices {

    private static final Map<PathPattern, String> SERVICES = Map.of(
            pattern("/api/billing/**"), "billing-service",
            pattern("/api/catalog/**"), "billing-service",
            pattern("/api/subscriptions/**"), "subscription-service",
            pattern("/api/entitlements/**"), "entitlement-service",
            pattern("/api/community/**"), "community-service",
            pattern("/api/tickets/**"), "ticket-service",
            pattern("/api/notifications/**"), "notification-service");

    private RoutedServices() {
    }

    /** The service for this request's path, or {@code null} when the path is not proxied. */
    public static String serviceFor(HttpServletRequest request) {
        PathContainer path = RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication();
        return SERVICES.entrySet().stream().filter(e -> e.getKey().matches(path)).map(Map.Entry::getValue).findFirst()
                .orElse(null);
    }

    private static PathPattern pattern(String pattern) {
        return PathPatternParser.defaultInstance.parse(pattern);
    }
}
