package dev.tollgate.gateway.ratelimit;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ProblemResponses;

/**
 * Counts each authenticated {@code /api/**} call against its account's plan, after the bearer token was
 * verified and before anything is proxied. Headers follow the IETF draft "RateLimit header fields for
 * HTTP": {@code RateLimit-Policy: "minute";q=60;w=60, "day";q=5000;w=86400} and
 * {@code RateLimit: "minute";r=59;t=42, ...}. Requests without a caller (webhooks, the public catalog,
 * probes) are never counted.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final AccountRateLimiter limiter;

    public RateLimitFilter(AccountRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof CallerIdentity caller)
                || caller.accountId() == null) {
            chain.doFilter(request, response);
            return;
        }
        AccountRateLimiter.Decision decision = limiter.tryConsume(caller.accountId());
        if (!decision.windows().isEmpty()) {
            // Plain concatenation: String.formatted parses its pattern on every call, and this runs on every API call.
            StringBuilder policy = new StringBuilder(64);
            StringBuilder state = new StringBuilder(64);
            for (AccountRateLimiter.Window w : decision.windows()) {
                if (!policy.isEmpty()) {
                    policy.append(", ");
                    state.append(", ");
                }
                policy.append('"').append(w.name()).append("\";q=").append(w.quota()).append(";w=").append(w.length().toSeconds());
                state.append('"').append(w.name()).append("\";r=").append(w.remaining()).append(";t=").append(ceilSeconds(w.resetsIn()));
            }
            response.setHeader("RateLimit-Policy", policy.toString());
            response.setHeader("RateLimit", state.toString());
        }
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        AccountRateLimiter.Window exhausted = decision.windows().getLast();
        long retryAfter = Math.max(1, ceilSeconds(decision.retryAfter()));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        ProblemResponses.write(response, 429, "Too many requests", "Account '%s' used its %d requests per %s "
                .formatted(caller.accountId(), exhausted.quota(), exhausted.name())
                + "(its plan's rate_limit_per_" + exhausted.name() + "); retry after " + retryAfter + " s.",
                request.getRequestURI());
    }

    private static long ceilSeconds(java.time.Duration duration) {
        long millis = duration.toMillis();
        return (millis + 999) / 1000;
    }
}
