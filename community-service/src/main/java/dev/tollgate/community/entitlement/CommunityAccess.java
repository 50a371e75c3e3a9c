package dev.tollgate.community.entitlement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import tools.jackson.databind.json.JsonMapper;

/** Keeps and serves whether each account may use the community. */
@RestController
class CommunityAccess implements EventConsumer {

    static final String CONSUMER = "community-service.entitlement-events";

    private final JsonMapper json;
    private final AccessProjection projection;

    CommunityAccess(JsonMapper json, AccessProjection projection) {
        this.json = json;
        this.projection = projection;
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.ENTITLEMENT).on("entitlements.changed.v1",
                envelope -> projection.apply(envelope.dataAs(AccessProjection.Granted.class, json)));
    }

    @GetMapping("/api/community/access/me")
    AccessView mine(CallerIdentity caller) {
        return new AccessView(caller.accountId(), projection.isEnabled(caller.accountId()));
    }

    record AccessView(String accountId, boolean communityAccess) {
    }
}
