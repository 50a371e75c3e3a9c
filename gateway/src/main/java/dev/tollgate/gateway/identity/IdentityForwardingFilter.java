package dev.tollgate.gateway.identity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.IdentityHeaders;
import dev.tollgate.platform.web.ProblemResponses;
import tools.jackson.databind.json.JsonMapper;

/** Authenticates {@code /api/**} and replaces whatever identity the client claimed with the verified one, as a token for the target service. */
public class IdentityForwardingFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final JwtVerifier verifier;
    private final InternalIdentityForwarding forwarding;
    private final JsonMapper json;

    public IdentityForwardingFilter(JwtVerifier verifier, InternalIdentityForwarding forwarding, JsonMapper json) {
        this.verifier = verifier;
        this.forwarding = forwarding;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            reject(request, response, "This API needs an 'Authorization: Bearer <JWT>' header.");
            return;
        }
        CallerIdentity caller;
        try {
            caller = verifier.verify(authorization.substring(BEARER.length()).trim());
        } catch (JwtVerifier.InvalidTokenException e) {
            reject(request, response, e.getMessage());
            return;
        }
        chain.doFilter(new VerifiedIdentityRequest(request, forwarding.headersFor(caller, request.getRequestURI())), response);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        ProblemResponses.write(response, json, HttpStatus.UNAUTHORIZED, "Unauthorized", detail, request.getRequestURI());
    }

    /** The client's request minus its {@code X-Tollgate-*} headers, plus the gateway's identity token. */
    private static final class VerifiedIdentityRequest extends HttpServletRequestWrapper {

        private final Map<String, String> identity;

        VerifiedIdentityRequest(HttpServletRequest request, Map<String, String> identity) {
            super(request);
            this.identity = identity;
        }

        @Override
        public String getHeader(String name) {
            if (IdentityHeaders.isIdentityHeader(name)) {
                return identityHeader(name);
            }
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (IdentityHeaders.isIdentityHeader(name)) {
                String value = identityHeader(name);
                return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (String name : Collections.list(super.getHeaderNames())) {
                if (!IdentityHeaders.isIdentityHeader(name)) {
                    names.add(name);
                }
            }
            names.addAll(identity.keySet());
            return Collections.enumeration(names);
        }

        private String identityHeader(String name) {
            return identity.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }
}
