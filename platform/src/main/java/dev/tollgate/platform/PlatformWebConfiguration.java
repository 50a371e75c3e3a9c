package dev.tollgate.platform;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tollgate.platform.identity.CallerIdentityArgumentResolver;
import dev.tollgate.platform.identity.IdentitySettings;
import dev.tollgate.platform.identity.IdentitySigner;
import dev.tollgate.platform.web.RepresentationHeadersFilter;
import dev.tollgate.platform.web.ProblemDetailsAdvice;
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
    IdentitySigner identitySigner(IdentitySettings settings, Clock clock) {
        return new IdentitySigner(settings.secret(), settings.maxAge(), clock);
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
    WebMvcConfigurer callerIdentityResolver(IdentitySigner signer) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerIdentityArgumentResolver(signer));
            }
        };
    }
}
