package dev.tollgate.subscription.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tollgate.platform.web.PlatformAdminOnly;

/** Every path under {@code /api/subscriptions/admin/} needs the role {@code platform_admin} ({@link PlatformAdminOnly}). */
@Configuration(proxyBeanMethods = false)
class AdminOnly implements WebMvcConfigurer {

    static final String ADMIN = PlatformAdminOnly.ROLE;

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PlatformAdminOnly("Administration"))
                .addPathPatterns("/api/subscriptions/admin", "/api/subscriptions/admin/**");
    }
}
