package dev.tollgate.platform.identity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.tollgate.platform.web.ProblemResponses;

/**
 * Refuses, before any controller runs, every request that carries no valid internal identity
 * token for this service, unless its method and path are on the service's public list. Deny by
 * default: a new endpoint is protected whether or not its controller asks for the caller. The
 * verified caller is left in a request attribute for {@link CallerIdentityArgumentResolver}.
 */
public class InternalIdentityFilter extends OncePerRequestFilter {

    public static final String CALLER_ATTRIBUTE = CallerIdentity.class.getName();

    /** Probes, metrics and the container's error page never need a caller. */
    // The API description is public too: the gateway fetches it to merge the services' documents.
    static final List<String> ALWAYS_PUBLIC = List.of("/actuator/**", "/error", "GET /livez", "GET /readyz", "GET /v3/api-docs");

    /** The MDC key of the caller's (or the event's) account id in every log line. */
    public static final String ACCOUNT_MDC_KEY = "accountId";

    private final InternalTokenVerifier verifier;
    private final List<PublicPath> publicPaths;
    // Decoded, without ';' parameters and with '//' merged.
    private final UrlPathHelper paths = new UrlPathHelper();

    public InternalIdentityFilter(InternalTokenVerifier verifier, List<String> publicPaths) {
        this.verifier = verifier;
        List<PublicPath> parsed = new ArrayList<>();
        ALWAYS_PUBLIC.forEach(path -> parsed.add(PublicPath.parse(path)));
        publicPaths.forEach(path -> parsed.add(PublicPath.parse(path)));
        this.publicPaths = List.copyOf(parsed);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader(IdentityHeaders.IDENTITY);
        Optional<CallerIdentity> caller = token == null ? Optional.empty() : verifier.verify(token);
        if (token != null && caller.isEmpty()) {
            refuse(request, response, "The forwarded identity is not valid for this service.");
            return;
        }
        if (caller.isEmpty() && !isPublic(request)) {
            refuse(request, response, "This API is reached through the Tollgate gateway with a valid bearer token.");
            return;
        }
        caller.ifPresent(identity -> request.setAttribute(CALLER_ATTRIBUTE, identity));
        // Every log line of this request names the account (structured logs: the MDC's accountId).
        try (var account = caller.map(identity -> org.slf4j.MDC.putCloseable(ACCOUNT_MDC_KEY, identity.accountId())).orElse(null)) {
            chain.doFilter(request, response);
        }
    }

    /** Public only if both the container's normalized path and Spring's decoded path say so, whatever the URI's tricks. */
    private boolean isPublic(HttpServletRequest request) {
        String servletPath = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return isPublic(request.getMethod(), servletPath) && isPublic(request.getMethod(), paths.getPathWithinApplication(request));
    }

    private boolean isPublic(String method, String rawPath) {
        PathContainer path = PathContainer.parsePath(rawPath);
        boolean dotSegment = path.elements().stream().anyMatch(e -> e.value().equals(".") || e.value().equals(".."));
        return !dotSegment && publicPaths.stream().anyMatch(candidate -> candidate.matches(method, path));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        ProblemResponses.write(response, 401, "Unauthorized", detail, null);
    }

    /** One entry of the public list: an optional HTTP method and a path pattern. */
    record PublicPath(String method, PathPattern pattern) {

        static PublicPath parse(String entry) {
            String[] parts = entry.trim().split("\\s+", 2);
            return parts.length == 2 ? new PublicPath(parts[0].toUpperCase(), PathPatternParser.defaultInstance.parse(parts[1]))
                    : new PublicPath(null, PathPatternParser.defaultInstance.parse(parts[0]));
        }

        boolean matches(String requestMethod, PathContainer path) {
            return (method == null || method.equalsIgnoreCase(requestMethod)) && pattern.matches(path);
        }
    }
}
