package dev.tollgate.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.InternalIdentityFilter;

/**
 * Refuses a caller without the role {@code platform_admin} (403 problem), as a handler interceptor a
 * service registers on its admin paths: it runs before the request body is read, so a caller without
 * the role learns only that, never whether its body would have been valid. A request without an
 * identity passes on to the controller, whose {@link CallerIdentity} argument answers 401.
 */
public final class PlatformAdminOnly implements HandlerInterceptor {

    public static final String ROLE = "platform_admin";

    private final String what;

    /** @param what what the paths do, for the refusal: "Administration needs the role platform_admin." */
    public PlatformAdminOnly(String what) {
        this.what = what;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(InternalIdentityFilter.CALLER_ATTRIBUTE) instanceof CallerIdentity caller && !caller.hasRole(ROLE)) {
            throw ApiProblem.forbidden(what + " needs the role " + ROLE + ".");
        }
        return true;
    }
}
