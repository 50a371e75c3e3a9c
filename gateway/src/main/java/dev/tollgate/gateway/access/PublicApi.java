package dev.tollgate.gateway.access;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The only {@code /api/**} paths the gateway serves without a bearer token: the plan catalog (pricing
 * pages, GET only) and RFC 8058 one-click unsubscribe (a mail client posts it; its signed token is the
 * authority). One list for the security chain and for the API description, so they cannot disagree.
 */
public final class PublicApi {

    public static final String CATALOG = "/api/catalog/**";
    public static final String UNSUBSCRIBE = "/api/notifications/unsubscribe";

    private static final List<PathPattern> PATTERNS = List.of(PathPatternParser.defaultInstance.parse(CATALOG),
            PathPatternParser.defaultInstance.parse(UNSUBSCRIBE));

    private PublicApi() {
    }

    public static boolean isPublic(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return PATTERNS.stream().anyMatch(pattern -> pattern.matches(container));
    }
}
