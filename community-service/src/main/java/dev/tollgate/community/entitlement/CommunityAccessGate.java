package dev.tollgate.community.entitlement;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.community.CommunitySettings;
import dev.tollgate.platform.web.ApiProblem;

/** Refuses, with a 403 naming the plan that includes it, an account without community access. */
@Component
public class CommunityAccessGate {

    private final AccessProjection projection;
    private final CommunitySettings settings;

    CommunityAccessGate(AccessProjection projection, CommunitySettings settings) {
        this.projection = projection;
        this.settings = settings;
    }

    /** In the caller's transaction: the account's access row stays as read until it ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void requireAccess(String accountId) {
        if (!projection.isEnabledHeld(accountId)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Community access required",
                    "Your account's plan does not include community groups. They are part of the " + settings.accessPlan()
                            + " plan: subscribe to it (or renew it) to join groups and accept invitations.");
        }
    }

    public boolean hasAccess(String accountId) {
        return projection.isEnabled(accountId);
    }
}
