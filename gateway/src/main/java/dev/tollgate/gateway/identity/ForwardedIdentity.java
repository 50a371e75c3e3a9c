package dev.tollgate.gateway.identity;

import java.util.Map;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.IdentityHeaders;
import dev.tollgate.platform.identity.InternalTokenIssuer;

/**
 * The one place that turns a verified caller into the header the service behind a route receives:
 * an internal token signed with the gateway's Ed25519 key for {@code targetService} alone (the
 * route's service, e.g. {@code billing-service}), so a service cannot replay it to another one.
 */
public class ForwardedIdentity {

    private final InternalTokenIssuer issuer;

    public ForwardedIdentity(InternalTokenIssuer issuer) {
        this.issuer = issuer;
    }

    public Map<String, String> headersFor(CallerIdentity caller, String targetService) {
        return Map.of(IdentityHeaders.IDENTITY, issuer.tokenFor(caller, targetService));
    }
}
