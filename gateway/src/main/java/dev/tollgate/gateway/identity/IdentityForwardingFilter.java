package dev.tollgate.gateway.identity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tollgate.platform.identity.CallerIdentity;

/**
 * Runs after authorization, just before the request is proxied: drops every header that could carry
 * identity or credentials to a service ({@code X-Tollgate-*} by prefix, {@code Authorization},
 * {@code Cookie}), then adds the identity the gateway itself vouches for, made for the route's service.
 */
public class IdentityForwardingFilter extends OncePerRequestFilter {

    static final String TOLLGATE_PREFIX = "x-tollgate-";

    private final ForwardedIdentity forwardedIdentity;

    public IdentityForwardingFilter(ForwardedIdentity forwardedIdentity) {
        this.forwardedIdentity = forwardedIdentity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, String> identity = Map.of();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String target = RoutedServices.serviceFor(request);
        if (target != null && authentication != null && authentication.getPrincipal() instanceof CallerIdentity caller) {
            identity = forwardedIdentity.headersFor(caller, target);
        }
        chain.doFilter(new ForwardedRequest(request, identity), response);
    }

    static boolean isStripped(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith(TOLLGATE_PREFIX) || lower.equals("authorization") || lower.equals("cookie");
    }

    /** The client's request minus identity and credential headers, plus the gateway's forwarded identity. */
    private static final class ForwardedRequest extends HttpServletRequestWrapper {

        private final Map<String, String> identity;

        ForwardedRequest(HttpServletRequest request, Map<String, String> identity) {
            super(request);
            this.identity = identity;
        }

        @Override
        public String getHeader(String name) {
            if (isStripped(name)) {
                return identityHeader(name);
            }
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (isStripped(name)) {
                String value = identityHeader(name);
                return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (String name : Collections.list(super.getHeaderNames())) {
                if (!isStripped(name)) {
                    names.add(name);
                }
            }
            names.addAll(identity.keySet());
            return Collections.enumeration(names);
        }

        @Override
        public jakarta.servlet.http.Cookie[] getCookies() {
            return null;
        }

        private String identityHeader(String name) {
            return identity.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }
}
