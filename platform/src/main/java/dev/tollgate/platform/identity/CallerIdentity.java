package dev.tollgate.platform.identity;

import java.util.List;

/** The verified caller of an API request: a user acting for one account (tenant). */
public record CallerIdentity(String userId, String accountId, String email, List<String> roles) {

    public CallerIdentity {
        roles = List.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
