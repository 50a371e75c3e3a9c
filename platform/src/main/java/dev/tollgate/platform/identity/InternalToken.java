package dev.tollgate.platform.identity;

/**
 * The format of the internal identity token the gateway gives each request it forwards: a compact
 * JWS ({@code alg: EdDSA}, Ed25519) whose claims are {@code iss} ({@link #ISSUER}), {@code aud}
 * (the one service it is meant for, that service's {@code spring.application.name}), {@code sub}
 * (the user), {@link #ACCOUNT_ID}, {@link #EMAIL}, {@link #ROLES}, {@code iat} and {@code exp}.
 */
public final class InternalToken {

    public static final String ISSUER = "tollgate-gateway";
    public static final String ACCOUNT_ID = "account_id";
    public static final String EMAIL = "email";
    public static final String ROLES = "roles";

    private InternalToken() {
    }
}
