package dev.tollgate.gateway.identity;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ProblemResponses;

/**
 * Runs before the security filter chain and takes the requests whose bearer token is support's
 * read-only impersonation token (EdDSA, from subscription-service; user tokens are RS256 and pass by
 * untouched). Such a token is accepted only for GET and HEAD (anything else: 403 problem
 * "impersonation is read-only"); when valid, the request goes on as the impersonated account with the
 * admin as its user: the caller is handed to the chain through the request attribute its stateless
 * context repository reads, and the token itself is hidden so the RS256 bearer check does not see it.
 */
public class ImpersonationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ImpersonationFilter.class);
    private static final String BEARER = "Bearer ";
    private static final Set<String> READ_ONLY = Set.of("GET", "HEAD");

    private final ImpersonationVerifier verifier;
    private final RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

    /** @param verifier null when no impersonation key is configured: every request passes untouched */
    public ImpersonationFilter(ImpersonationVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (verifier == null || authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !ImpersonationVerifier.isImpersonationToken(authorization.substring(BEARER.length()).trim())) {
            chain.doFilter(request, response);
            return;
        }
        CallerIdentity caller;
        try {
            caller = verifier.verify(authorization.substring(BEARER.length()).trim());
        } catch (JwtVerifier.InvalidTokenException e) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            ProblemResponses.write(response, 401, "Unauthorized", e.getMessage(), request.getRequestURI());
            return;
        }
        if (!READ_ONLY.contains(request.getMethod())) {
            ProblemResponses.write(response, 403, "Forbidden", "impersonation is read-only: only GET and HEAD are allowed.",
                    request.getRequestURI());
            return;
        }
        log.info("Impersonation: {} reads {} {} as account {}", caller.userId(), request.getMethod(), request.getRequestURI(),
                caller.accountId());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new Impersonation(caller));
        contexts.saveContext(context, request, response);
        chain.doFilter(new WithoutBearerToken(request), response);
    }

    /** The impersonated caller as Spring Security's authentication; the principal is what the forwarding filter reads. */
    static final class Impersonation extends AbstractAuthenticationToken {

        private final CallerIdentity caller;

        Impersonation(CallerIdentity caller) {
            super(AuthorityUtils.createAuthorityList("ROLE_" + ImpersonationVerifier.ROLE));
            this.caller = caller;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return caller;
        }
    }

    /** The request without its Authorization header (checked here already; never forwarded anyway). */
    private static final class WithoutBearerToken extends HttpServletRequestWrapper {

        WithoutBearerToken(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)).toList();
            return Collections.enumeration(names);
        }
    }
}
