package dev.tollgate.gateway.access;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.CorsFilter;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;

import dev.tollgate.gateway.identity.ForwardedIdentity;
import dev.tollgate.gateway.identity.IdentityForwardingFilter;
import dev.tollgate.gateway.identity.JwtSettings;
import dev.tollgate.gateway.identity.JwtVerifier;
import dev.tollgate.gateway.ratelimit.AccountRateLimiter;
import dev.tollgate.gateway.ratelimit.RateLimitFilter;
import dev.tollgate.platform.web.ClientMistakes;
import dev.tollgate.platform.web.ProblemResponses;

/**
 * The gateway's one security filter chain. Stateless: no session, no cookie, no CSRF token (callers
 * authenticate every request with a bearer JWT; the webhook with Stripe's signature), no login page.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurityConfiguration {

    /**
     * Spring Security wraps each of its filters in a Micrometer observation when tracing is on; in a JFR
     * profile of {@code GET /api/entitlements/me} through the gateway those wrappers and their spans were
     * about a sixth of the gateway's CPU. The request's own server observation still carries the trace
     * (and the traceparent forwarded to the service), so the per-filter spans are switched off.
     */
    @Bean
    SecurityObservationSettings noPerFilterSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strictest firewall, stated here so its role is visible; its defaults are what we want. */
    @Bean
    HttpFirewall httpFirewall() {
        return new StrictHttpFirewall();
    }

    /** A request the firewall refuses is a 400 problem saying why, never routed and never Tomcat's page. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            ClientMistakes.Mistake mistake = ClientMistakes.of(rejected).orElseThrow();
            ProblemResponses.write(response, mistake.status().value(), mistake.title(), mistake.detail(), null);
        };
    }

    @Bean
    SecurityFilterChain edge(HttpSecurity http, JwtVerifier verifier, ForwardedIdentity forwardedIdentity,
            JwtSettings settings, CorsSettings cors,
            AccountRateLimiter rateLimiter) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    // The error dispatch only renders the problem of a request that was already decided.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    // Actuator lives on the separate management port, which is not published.
                    requests.requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll();
                    requests.requestMatchers(HttpMethod.POST, "/webhooks/stripe").permitAll();
                    requests.requestMatchers(HttpMethod.GET, "/livez", "/readyz", PublicApi.CATALOG).permitAll();
                    requests.requestMatchers(PublicApi.UNSUBSCRIBE).permitAll();
                    // The merged API description and Swagger UI (with its assets) for frontend developers (docs package).
                    requests.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/docs", "/docs/swagger-ui/**").permitAll();
                    if (settings.devIssuerEnabled()) {
                        requests.requestMatchers("/dev/**").permitAll();
                    }
                    requests.anyRequest().authenticated();
                })
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> Unauthorized.write(request, response,
                                "This API needs an 'Authorization: Bearer <JWT>' header."))
                        .accessDeniedHandler((request, response, e) -> ProblemResponses.write(response, 403, "Forbidden",
                                "The caller may not do this.", request.getRequestURI())))
                // Where Spring Security places its own CORS filter: before any authentication.
                .addFilterAt(EdgeCors.filter(cors), CorsFilter.class)
                .addFilterBefore(new BearerTokenFilter(verifier), AnonymousAuthenticationFilter.class)
                // Right after the caller is known (filters at one position keep the order they were added in).
                .addFilterBefore(new RateLimitFilter(rateLimiter), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new IdentityForwardingFilter(forwardedIdentity), AuthorizationFilter.class);
        return http.build();
    }
}
