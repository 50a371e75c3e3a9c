package dev.tollgate.subscription.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.InternalIdentityFilter;
import dev.tollgate.platform.web.ApiProblem;

/**
 * Every path under {@code /api/subscriptions/admin/} needs the role {@code platform_admin}, checked
 * here, before the request body is read: a caller without the role learns only that (403), never
 * whether its body would have been valid. A request without an identity passes on to the
 * controller, whose identity argument answers 401.
 */
@Configuration(proxyBeanMethods = false)
class AdminOnly implements WebMvcConfigurer {

    static final String ADMIN = "platform_admin";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (request.getAttribute(InternalIdentityFilter.CALLER_ATTRIBUTE) instanceof CallerIdentity caller
                        && !caller.hasRole(ADMIN)) {
                    throw ApiProblem.forbidden("Administration needs the role " + ADMIN + ".");
                }
                return true;
            }
        }).addPathPatterns("/api/subscriptions/admin", "/api/subscriptions/admin/**");
    }
}
