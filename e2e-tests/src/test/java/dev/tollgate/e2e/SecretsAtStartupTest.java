package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;

import dev.tollgate.billing.BillingApplication;
import dev.tollgate.community.CommunityApplication;
import dev.tollgate.entitlement.EntitlementApplication;
import dev.tollgate.gateway.GatewayApplication;
import dev.tollgate.notification.NotificationApplication;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.Ed25519Jws;
import dev.tollgate.platform.identity.IdentityHeaders;
import dev.tollgate.platform.identity.InternalTokenIssuer;
import dev.tollgate.platform.secrets.RequiredSecretsEnvironmentPostProcessor;
import dev.tollgate.platform.secrets.RequiredSecretsEnvironmentPostProcessor.MissingSecretsException;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.SignedCaller;
import dev.tollgate.subscription.SubscriptionApplication;
import dev.tollgate.ticket.TicketApplication;

/** Each process, started as an operator would start it (its own yml, no 'local' profile), refuses to run without its secrets. */
class SecretsAtStartupTest {

    private static final OctetKeyPair REAL_KEY = Ed25519Jws.generate("production-1");

    static Stream<Arguments> everyProcessAndItsSecrets() {
        List<String> service = List.of("DATABASE_PASSWORD", "TOLLGATE_INTERNAL_JWKS");
        return Stream.of(
                Arguments.of(GatewayApplication.class, GatewayApplication.CONFIG_NAME,
                        List.of("STRIPE_WEBHOOK_SECRET", "TOLLGATE_INTERNAL_SIGNING_KEY")),
                Arguments.of(BillingApplication.class, BillingApplication.CONFIG_NAME,
                        List.of("DATABASE_PASSWORD", "TOLLGATE_INTERNAL_JWKS", "STRIPE_API_KEY")),
                Arguments.of(SubscriptionApplication.class, SubscriptionApplication.CONFIG_NAME, service),
                Arguments.of(EntitlementApplication.class, EntitlementApplication.CONFIG_NAME, service),
                Arguments.of(CommunityApplication.class, CommunityApplication.CONFIG_NAME, service),
                Arguments.of(TicketApplication.class, TicketApplication.CONFIG_NAME, service),
                Arguments.of(NotificationApplication.class, NotificationApplication.CONFIG_NAME, service));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyProcessAndItsSecrets")
    void withoutTheLocalProfileAndWithoutSecretsAProcessRefusesToStartNamingEachVariable(Class<?> application, String configName,
            List<String> variables) {
        assertThatThrownBy(() -> start(application, configName, Map.of()))
                .isInstanceOf(MissingSecretsException.class)
                .satisfies(e -> variables.forEach(variable -> assertThat(e).hasMessageContaining(variable + " is not set")));
    }

    @Test
    void withADevelopmentValueTheGatewayRefusesToStart() {
        assertThatThrownBy(() -> start(GatewayApplication.class, GatewayApplication.CONFIG_NAME, Map.of(
                "STRIPE_WEBHOOK_SECRET", "whsec_local_development_secret",
                "TOLLGATE_INTERNAL_SIGNING_KEY", REAL_KEY.toJSONString())))
                .hasMessageContaining("STRIPE_WEBHOOK_SECRET holds the public development value")
                .hasMessageNotContaining("TOLLGATE_INTERNAL_SIGNING_KEY");
    }

    @Test
    void theOptionalImpersonationKeysMayBeUnsetButNeverTheDevelopmentPair() {
        Map<String, String> development = RequiredSecretsEnvironmentPostProcessor.developmentValues();

        assertThatThrownBy(() -> start(GatewayApplication.class, GatewayApplication.CONFIG_NAME, Map.of(
                "STRIPE_WEBHOOK_SECRET", "whsec_a_real_secret_of_the_operator",
                "TOLLGATE_INTERNAL_SIGNING_KEY", REAL_KEY.toJSONString(),
                "TOLLGATE_IMPERSONATION_JWKS", development.get("tollgate.gateway.impersonation.jwks"))))
                .hasMessageContaining("TOLLGATE_IMPERSONATION_JWKS holds the public development value");
        assertThatThrownBy(() -> start(SubscriptionApplication.class, SubscriptionApplication.CONFIG_NAME, Map.of(
                "TOLLGATE_IMPERSONATION_SIGNING_KEY", development.get("tollgate.subscription.impersonation.signing-key"))))
                .hasMessageContaining("TOLLGATE_IMPERSONATION_SIGNING_KEY holds the public development value")
                .hasMessageContaining("DATABASE_PASSWORD is not set");
    }

    @Test
    void withTheDevelopmentDatabasePasswordOrKeysAServiceRefusesToStart() {
        String localJwks = RequiredSecretsEnvironmentPostProcessor.developmentValues().get("tollgate.identity.jwks");

        assertThatThrownBy(() -> start(TicketApplication.class, TicketApplication.CONFIG_NAME, Map.of(
                "DATABASE_PASSWORD", "postgres", "TOLLGATE_INTERNAL_JWKS", localJwks)))
                .hasMessageContaining("DATABASE_PASSWORD holds the public development value")
                .hasMessageContaining("TOLLGATE_INTERNAL_JWKS holds the public development value");
    }

    @Test
    void withRealSecretsAServiceStartsAndTrustsOnlyItsConfiguredKey() {
        Map<String, Object> real = new LinkedHashMap<>(RealInfrastructure.properties(TicketApplication.CONFIG_NAME));
        real.remove("spring.datasource.password");
        real.put("DATABASE_PASSWORD", "a-real-password-the-embedded-database-does-not-check");
        real.put("TOLLGATE_INTERNAL_JWKS", new JWKSet(REAL_KEY.toPublicJWK()).toString());
        real.put("server.port", 0);
        real.put("management.server.port", 0);
        try (ConfigurableApplicationContext ticket = start(TicketApplication.class, TicketApplication.CONFIG_NAME, real)) {
            int port = ((WebServerApplicationContext) ticket).getWebServer().getPort();
            CallerIdentity caller = new CallerIdentity("user_1", "acct_1", null, List.of("owner"));
            String realToken = new InternalTokenIssuer(REAL_KEY, Duration.ofSeconds(60), Clock.systemUTC())
                    .tokenFor(caller, "ticket-service");

            HttpResponse<String> withRealKey = SignedCaller.get(port, "/api/tickets/allowance/me",
                    Map.of(IdentityHeaders.IDENTITY, realToken));
            HttpResponse<String> withDevelopmentKey = SignedCaller.get(port, "/api/tickets/allowance/me", caller, "ticket-service");

            assertThat(withRealKey.statusCode()).isEqualTo(200);
            assertThat(withDevelopmentKey.statusCode()).isEqualTo(401);
        }
    }

    private static ConfigurableApplicationContext start(Class<?> application, String configName, Map<String, Object> settings) {
        List<String> args = new ArrayList<>();
        // Outranks the test JVM's spring.profiles.active=local, as an operator's start would.
        args.add("--spring.profiles.active=production");
        args.add("--spring.config.name=" + configName);
        if (application != GatewayApplication.class) {
            // This JVM has the gateway's Spring Security on its classpath; a service has none of its own.
            args.add("--spring.autoconfigure.exclude=" + TollgatePlatform.WITHOUT_SPRING_SECURITY);
        }
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(application).run(args.toArray(String[]::new));
    }
}
