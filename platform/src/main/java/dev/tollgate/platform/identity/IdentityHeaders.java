package dev.tollgate.platform.identity;

import java.util.List;

/** The headers the gateway forwards; every other process treats them as untrusted unless signed. */
public final class IdentityHeaders {

    public static final String USER_ID = "X-Tollgate-User-Id";
    public static final String ACCOUNT_ID = "X-Tollgate-Account-Id";
    public static final String EMAIL = "X-Tollgate-User-Email";
    public static final String ROLES = "X-Tollgate-User-Roles";
    public static final String ISSUED_AT = "X-Tollgate-Identity-Issued-At";
    public static final String SIGNATURE = "X-Tollgate-Identity-Signature";

    public static final List<String> ALL = List.of(USER_ID, ACCOUNT_ID, EMAIL, ROLES, ISSUED_AT, SIGNATURE);

    private IdentityHeaders() {
    }

    public static boolean isIdentityHeader(String name) {
        return ALL.stream().anyMatch(h -> h.equalsIgnoreCase(name));
    }
}
