package dev.tollgate.gateway.access;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import dev.tollgate.platform.identity.CallerIdentity;

/** A caller whose bearer JWT was verified; the principal is the {@link CallerIdentity} read from it. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final CallerIdentity caller;

    CallerAuthentication(CallerIdentity caller) {
        super(AuthorityUtils.createAuthorityList(caller.roles().stream().map(role -> "ROLE_" + role).toList()));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }
}
