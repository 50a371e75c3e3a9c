package dev.tollgate.notification.admin;

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
 * Every path under {@code /api/notifications/admin/} needs the role {@code platform_admin}, checked
 * before any controller runs (subscription-service's pattern). A request without an identity has
 * already been answered 401 by the platform's identity filter.
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
                    throw ApiProblem.forbidden("Previewing notification templates needs the role " + ADMIN + ".");
                }
                return true;
            }
        }).addPathPatterns("/api/notifications/admin", "/api/notifications/admin/**");
    }
}
