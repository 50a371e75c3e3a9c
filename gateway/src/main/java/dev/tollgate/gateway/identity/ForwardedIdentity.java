package dev.tollgate.gateway.identity;

import java.util.Map;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.IdentitySigner;

/**
 * The one place that turns a verified caller into the headers the service behind a route receives.
 * {@code targetService} is the route's service (e.g. {@code billing-service}), so an identity that
 * is bound to its audience can be made here; today it is the shared-secret signature of
 * {@link IdentitySigner}, which does not depend on the target.
 */
public class ForwardedIdentity {

    private final IdentitySigner signer;

    public ForwardedIdentity(IdentitySigner signer) {
        this.signer = signer;
    }

    public Map<String, String> headersFor(CallerIdentity caller, String targetService) {
        return signer.sign(caller);
    }
}
