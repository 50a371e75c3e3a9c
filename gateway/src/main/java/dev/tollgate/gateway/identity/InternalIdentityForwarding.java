package dev.tollgate.gateway.identity;

import java.util.Map;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.IdentityHeaders;
import dev.tollgate.platform.identity.InternalTokenIssuer;

/**
 * The identity header the gateway adds to a request it forwards: an internal token for the
 * verified caller that only the service the path routes to accepts, so a service cannot replay
 * it to another one. The target service is read from the first path segment after {@code /api/}
 * (the gateway's routes are {@code /api/<segment>/**}); a path no service serves gets no token.
 */
public class InternalIdentityForwarding {

    private static final String API = "/api/";

    private final InternalTokenIssuer issuer;
    private final Map<String, String> audiences;

    public InternalIdentityForwarding(InternalTokenIssuer issuer, Map<String, String> audiences) {
        this.issuer = issuer;
        this.audiences = Map.copyOf(audiences);
    }

    /** The headers to add for {@code caller} on a request to {@code path} (the normalized path the router matches). */
    public Map<String, String> headersFor(CallerIdentity caller, String path) {
        String audience = audienceOf(path);
        return audience == null ? Map.of() : Map.of(IdentityHeaders.IDENTITY, issuer.tokenFor(caller, audience));
    }

    /** The service that serves {@code path}, or null. */
    String audienceOf(String path) {
        if (path == null || !path.startsWith(API)) {
            return null;
        }
        int end = path.indexOf('/', API.length());
        return audiences.get(end < 0 ? path.substring(API.length()) : path.substring(API.length(), end));
    }
}
