package dev.tollgate.platform.identity;

/** The header the gateway forwards identity in; every {@code X-Tollgate-*} header a client sends is untrusted. */
public final class IdentityHeaders {

    /** The internal identity token ({@link InternalToken}) for the service the request is routed to. */
    public static final String IDENTITY = "X-Tollgate-Identity";

    /** The prefix the gateway reserves: it drops every client header that starts with it. */
    public static final String PREFIX = "X-Tollgate-";

    private IdentityHeaders() {
    }

    public static boolean isIdentityHeader(String name) {
        return name != null && name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }
}
