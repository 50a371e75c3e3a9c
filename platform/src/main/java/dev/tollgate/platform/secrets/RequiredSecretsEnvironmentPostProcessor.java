package dev.tollgate.platform.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.PropertyPlaceholderHelper;

/**
 * Refuses to start a process outside the {@code local} profile while a required secret is unset
 * or holds its development value. Runs as an {@link EnvironmentPostProcessor}, after the
 * configuration files are read and before any bean exists, so nothing (a database pool, a Kafka
 * client, a web server) starts with a forgeable secret.
 */
public class RequiredSecretsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String LOCAL_PROFILE = "local";
    public static final String LOCAL_VALUES = "tollgate-local.yml";
    public static final String REQUIRED = "tollgate.secrets.required";

    @Override
    public int getOrder() {
        // After ConfigDataEnvironmentPostProcessor has loaded every yml and profile.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
            return;
        }
        List<RequiredSecret> required = Binder.get(environment).bind(REQUIRED, Bindable.listOf(RequiredSecret.class))
                .orElse(List.of());
        if (required.isEmpty()) {
            return;
        }
        Map<String, String> development = developmentValues();
        List<String> problems = SecretsCheck.problems(required, property -> value(environment, property), development::get);
        if (!problems.isEmpty()) {
            throw new MissingSecretsException("Refusing to start without the 'local' profile: " + String.join("; ", problems)
                    + ". Set the variables named (or run with SPRING_PROFILES_ACTIVE=local on a development machine only).");
        }
    }

    private static String value(ConfigurableEnvironment environment, String property) {
        try {
            return environment.getProperty(property);
        } catch (IllegalArgumentException unresolvable) {
            return null;
        }
    }

    /** The local profile's values with their placeholders' defaults, e.g. {@code postgres} for {@code ${DATABASE_PASSWORD:postgres}}. */
    public static Map<String, String> developmentValues() {
        PropertyPlaceholderHelper defaults = new PropertyPlaceholderHelper("${", "}", ":", null, true);
        Map<String, String> values = new HashMap<>();
        try {
            for (PropertySource<?> document : new YamlPropertySourceLoader().load(LOCAL_VALUES, new ClassPathResource(LOCAL_VALUES))) {
                if (document instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        values.put(name, defaults.replacePlaceholders(String.valueOf(enumerable.getProperty(name)), unset -> null));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + LOCAL_VALUES, e);
        }
        return values;
    }

    /** Thrown at start-up; its message names every variable to set. */
    public static class MissingSecretsException extends IllegalStateException {

        public MissingSecretsException(String message) {
            super(message);
        }
    }
}
