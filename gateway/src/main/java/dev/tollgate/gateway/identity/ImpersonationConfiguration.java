package dev.tollgate.gateway.identity;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Support's read-only impersonation tokens, accepted only when a public key for them is configured
 * ({@code TOLLGATE_IMPERSONATION_JWKS}; the {@code local} profile sets the development key's; without
 * one the filter lets every request pass and such a token is refused like any unknown bearer token): the
 * filter runs just before Spring Security's chain, so the chain and the identity forwarding see an
 * ordinary authenticated caller.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImpersonationSettings.class)
class ImpersonationConfiguration {

    @Bean
    FilterRegistrationBean<ImpersonationFilter> impersonationFilter(ImpersonationSettings settings, Clock clock) {
        FilterRegistrationBean<ImpersonationFilter> registration = new FilterRegistrationBean<>(
                new ImpersonationFilter(settings.enabled() ? new ImpersonationVerifier(settings, clock) : null));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
