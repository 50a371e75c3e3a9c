package dev.tollgate.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretsCheckTest {

    private static final List<RequiredSecret> REQUIRED = List.of(
            new RequiredSecret("spring.datasource.password", "DATABASE_PASSWORD", null),
            new RequiredSecret("spring.mail.password", "SMTP_PASSWORD", "spring.mail.username"));
    private static final Map<String, String> DEVELOPMENT = Map.of("spring.datasource.password", "postgres");

    @Test
    void anUnsetSecretIsNamedByItsVariable() {
        assertThat(SecretsCheck.problems(REQUIRED, Map.<String, String>of()::get, DEVELOPMENT::get))
                .containsExactly("DATABASE_PASSWORD is not set (spring.datasource.password)");
        assertThat(SecretsCheck.problems(REQUIRED, Map.of("spring.datasource.password", " ")::get, DEVELOPMENT::get))
                .singleElement().asString().startsWith("DATABASE_PASSWORD is not set");
    }

    @Test
    void aDevelopmentValueIsRefused() {
        assertThat(SecretsCheck.problems(REQUIRED, Map.of("spring.datasource.password", "postgres")::get, DEVELOPMENT::get))
                .singleElement().asString().startsWith("DATABASE_PASSWORD holds the public development value");
    }

    @Test
    void aJwksThatStillListsTheDevelopmentKeyNextToARealOneIsRefused() {
        String development = RequiredSecretsEnvironmentPostProcessor.developmentValues().get("tollgate.identity.jwks");
        String developmentKey = development.substring(development.indexOf("[") + 1, development.lastIndexOf("]"));
        String mixed = "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"prod\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"},"
                + developmentKey + "]}";
        List<RequiredSecret> jwks = List.of(new RequiredSecret("tollgate.identity.jwks", "TOLLGATE_INTERNAL_JWKS", null));

        assertThat(SecretsCheck.problems(jwks, Map.of("tollgate.identity.jwks", mixed)::get,
                RequiredSecretsEnvironmentPostProcessor.developmentValues()::get))
                .singleElement().asString().startsWith("TOLLGATE_INTERNAL_JWKS holds the public development value");
        assertThat(SecretsCheck.isDevelopmentValue("whsec_something_else", "whsec_local_development_secret")).isFalse();
    }

    @Test
    void aConditionalSecretIsNeededOnlyWhenItsConditionHasAValue() {
        Map<String, String> withoutSmtpUser = Map.of("spring.datasource.password", "s3cret-db");
        Map<String, String> withSmtpUser = Map.of("spring.datasource.password", "s3cret-db", "spring.mail.username", "mailer");

        assertThat(SecretsCheck.problems(REQUIRED, withoutSmtpUser::get, DEVELOPMENT::get)).isEmpty();
        assertThat(SecretsCheck.problems(REQUIRED, withSmtpUser::get, DEVELOPMENT::get))
                .containsExactly("SMTP_PASSWORD is not set (spring.mail.password)");
    }

    @Test
    void theLocalProfileValuesAreTheDevelopmentValuesWithTheirDefaultsResolved() {
        Map<String, String> development = RequiredSecretsEnvironmentPostProcessor.developmentValues();

        assertThat(development).containsEntry("spring.datasource.password", "postgres")
                .containsEntry("tollgate.stripe.webhook.secret", "whsec_local_development_secret")
                .containsEntry("tollgate.stripe.api-key", "sk_test_local")
                .containsKeys("tollgate.identity.jwks", "tollgate.gateway.internal-identity.signing-key");
    }
}
