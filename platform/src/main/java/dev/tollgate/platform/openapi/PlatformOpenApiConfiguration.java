package dev.tollgate.platform.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.IdentitySettings;

/** The OpenAPI description every service shares (springdoc; see the package's documentation). */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(IdentitySettings.class)
public class PlatformOpenApiConfiguration {

    /** The scheme's name in {@code components.securitySchemes}. */
    public static final String BEARER = "bearer";

    static {
        // The caller comes from the forwarded identity, never from the request's parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallerIdentity.class);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI tollgateOpenApi(@Value("${spring.application.name:tollgate}") String application) {
        return new OpenAPI()
                .info(new Info().title("Tollgate " + application).version("v1")
                        .description("Called through the gateway, which verifies the caller's token; every error is an "
                                + "RFC 9457 problem (application/problem+json)."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("The caller's JWT (RS256) from the identity provider, or a development token from "
                                + "POST /dev/tokens on a local run: 'Authorization: Bearer <JWT>'.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer tollgateProblemResponses(IdentitySettings identity) {
        return new ProblemResponses(identity.publicPaths());
    }
}
