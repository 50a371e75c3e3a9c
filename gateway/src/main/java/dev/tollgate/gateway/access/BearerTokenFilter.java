package dev.tollgate.gateway.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tollgate.gateway.identity.JwtVerifier;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ProblemResponses;

/**
 * Authenticates a request that carries {@code Authorization: Bearer <JWT>}; a token that fails
 * verification is a 401 problem at once. Without a bearer token the request stays anonymous and the
 * authorization rules decide (401 unless the path is on the allowlist).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final JwtVerifier verifier;

    BearerTokenFilter(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        CallerIdentity caller;
        try {
            caller = verifier.verify(authorization.substring(BEARER.length()).trim());
        } catch (JwtVerifier.InvalidTokenException e) {
            Unauthorized.write(request, response, e.getMessage());
            return;
        } catch (JwtVerifier.KeysUnavailableException e) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "10");
            ProblemResponses.write(response, 503, "Service unavailable", e.getMessage(), request.getRequestURI());
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(caller));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
