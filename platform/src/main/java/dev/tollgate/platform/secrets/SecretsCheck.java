package dev.tollgate.platform.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which required secrets are missing or still development values; pure, so it is tested without Spring. */
public final class SecretsCheck {

    /** Base64url runs this long in a development value are key bytes (an Ed25519 key is 43 characters). */
    private static final Pattern KEY_MATERIAL = Pattern.compile("[A-Za-z0-9_-]{40,}");

    private SecretsCheck() {
    }

    /**
     * @param value a property's value in the running configuration (null or blank when unset)
     * @param developmentValue the value the {@code local} profile gives the property, if any
     * @return one line per problem, naming the variable to set; empty when every secret is fine
     */
    public static List<String> problems(List<RequiredSecret> required, Function<String, String> value,
            Function<String, String> developmentValue) {
        List<String> problems = new ArrayList<>();
        for (RequiredSecret secret : required) {
            if (secret.when() != null && !secret.when().isBlank() && isBlank(value.apply(secret.when()))) {
                continue;
            }
            String actual = value.apply(secret.property());
            if (isBlank(actual)) {
                problems.add(secret.env() + " is not set (" + secret.property() + ")");
            } else if (isDevelopmentValue(actual, developmentValue.apply(secret.property()))) {
                problems.add(secret.env() + " holds the public development value of the 'local' profile (" + secret.property()
                        + "); set a secret of your own");
            }
        }
        return problems;
    }

    /**
     * The development value itself, or a value that carries its key material: a JWKS that lists the
     * public development key next to a real one would still accept tokens anyone can sign.
     */
    static boolean isDevelopmentValue(String actual, String development) {
        if (development == null) {
            return false;
        }
        if (actual.equals(development)) {
            return true;
        }
        Matcher keyMaterial = KEY_MATERIAL.matcher(development);
        while (keyMaterial.find()) {
            if (actual.contains(keyMaterial.group())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
