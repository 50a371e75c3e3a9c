package dev.tollgate.platform.secrets;

/**
 * One secret a process needs, as listed under {@code tollgate.secrets.required} in its yml.
 *
 * @param property the Spring property that holds it, e.g. {@code spring.datasource.password}
 * @param env the environment variable an operator sets, named in the refusal
 * @param when if set, the secret is needed only while this property has a value (e.g. an SMTP
 *        password only where an SMTP user is configured)
 */
public record RequiredSecret(String property, String env, String when) {
}
