package dev.tollgate.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** A process configured like a service (secrets-check-test.yml), started for real without a web server. */
class RequiredSecretsAtStartupTest {

    private static final String REAL_JWKS = "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"prod\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}";

    @Test
    void withoutTheLocalProfileAndWithoutSecretsItRefusesToStartNamingEachVariable() {
        assertThatThrownBy(() -> start("--spring.profiles.active=production"))
                .isInstanceOf(RequiredSecretsEnvironmentPostProcessor.MissingSecretsException.class)
                .hasMessageContaining("DATABASE_PASSWORD is not set")
                .hasMessageContaining("TOLLGATE_INTERNAL_JWKS is not set")
                .hasMessageNotContaining("SMTP_PASSWORD");
    }

    @Test
    void withADevelopmentValueItRefusesToStart() {
        assertThatThrownBy(() -> start("--spring.profiles.active=production", "--DATABASE_PASSWORD=postgres",
                "--TOLLGATE_INTERNAL_JWKS=" + REAL_JWKS))
                .hasMessageContaining("DATABASE_PASSWORD holds the public development value")
                .hasMessageNotContaining("TOLLGATE_INTERNAL_JWKS");
    }

    @Test
    void withAnSmtpUserItNeedsTheSmtpPassword() {
        assertThatThrownBy(() -> start("--spring.profiles.active=production", "--DATABASE_PASSWORD=s3cret-db",
                "--TOLLGATE_INTERNAL_JWKS=" + REAL_JWKS, "--SMTP_USERNAME=mailer"))
                .hasMessageContaining("SMTP_PASSWORD is not set");
    }

    @Test
    void withRealValuesItStarts() {
        try (ConfigurableApplicationContext context = start("--spring.profiles.active=production", "--DATABASE_PASSWORD=s3cret-db",
                "--TOLLGATE_INTERNAL_JWKS=" + REAL_JWKS)) {
            assertThat(context.getEnvironment().getProperty("spring.datasource.password")).isEqualTo("s3cret-db");
        }
    }

    @Test
    void withTheLocalProfileItStartsWithTheDevelopmentValuesOfThePlatform() {
        try (ConfigurableApplicationContext context = start("--spring.profiles.active=local")) {
            assertThat(context.getEnvironment().getProperty("spring.datasource.password")).isEqualTo("postgres");
            assertThat(context.getEnvironment().getProperty("tollgate.identity.jwks")).contains("local-development");
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.config.name=secrets-check-test");
        return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).run(all.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
