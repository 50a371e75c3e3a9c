package dev.tollgate.platform;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tollgate.platform.identity.CallerIdentityArgumentResolver;
import dev.tollgate.platform.identity.IdentitySettings;
import dev.tollgate.platform.identity.InternalIdentityFilter;
import dev.tollgate.platform.identity.InternalTokenVerifier;
import dev.tollgate.platform.web.ProblemDetailsAdvice;
import dev.tollgate.platform.web.RepresentationHeadersFilter;
import dev.tollgate.platform.web.ProblemErrorController;
import dev.tollgate.platform.web.TomcatProblemCustomizer;

/** What every Tollgate web process gets: a clock, verified caller identity and problem-detail
 * errors from every layer (controller advice, the {@code /error} dispatch, Tomcat's error report). */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(IdentitySettings.class)
public class PlatformWebConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /** Registered before Spring Boot's error auto-configuration, so its whitelabel {@code BasicErrorController} steps aside. */
    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /** First in line, so no other code trips over a broken Content-Type or Accept header. */
    @Bean
    FilterRegistrationBean<RepresentationHeadersFilter> representationHeadersFilter() {
        FilterRegistrationBean<RepresentationHeadersFilter> registration = new FilterRegistrationBean<>(new RepresentationHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    TomcatProblemCustomizer tomcatProblemCustomizer() {
        return new TomcatProblemCustomizer();
    }

    @Bean
    WebMvcConfigurer callerIdentityResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerIdentityArgumentResolver());
            }
        };
    }

    /** A service's guard; off only in the gateway ({@code tollgate.identity.enforce=false}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "tollgate.identity.enforce", havingValue = "true", matchIfMissing = true)
    static class InternalIdentity {

        @Bean
        InternalTokenVerifier internalTokenVerifier(IdentitySettings settings, Clock clock,
                @Value("${spring.application.name}") String serviceName) {
            if (settings.jwks() == null || settings.jwks().isBlank()) {
                throw new IllegalStateException("Set " + IdentitySettings.JWKS_VARIABLE
                        + " to the gateway's public JWKS (tollgate.identity.jwks); see the README, Identity.");
            }
            return InternalTokenVerifier.fromJwks(settings.jwks(), serviceName, settings.clockSkew(), clock,
                    IdentitySettings.JWKS_VARIABLE);
        }

        @Bean
        FilterRegistrationBean<InternalIdentityFilter> internalIdentityFilter(InternalTokenVerifier verifier,
                IdentitySettings settings) {
            FilterRegistrationBean<InternalIdentityFilter> registration = new FilterRegistrationBean<>(
                    new InternalIdentityFilter(verifier, settings.publicPaths()));
            // Before anything that could read the body or run a controller.
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
            return registration;
        }
    }
}
