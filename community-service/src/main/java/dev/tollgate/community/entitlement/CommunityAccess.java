package dev.tollgate.community.entitlement;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import tools.jackson.databind.json.JsonMapper;

/** Keeps and serves whether each account may use the community. */
@RestController
class CommunityAccess {

    static final String CONSUMER = "community-service.entitlement-events";

    private final Inbox inbox;
    private final JsonMapper json;
    private final AccessProjection projection;

    CommunityAccess(Inbox inbox, JsonMapper json, AccessProjection projection) {
        this.inbox = inbox;
        this.json = json;
        this.projection = projection;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ENTITLEMENT)
    void onRecord(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, envelope -> {
            if ("entitlements.changed.v1".equals(envelope.type())) {
                projection.apply(envelope.dataAs(AccessProjection.Granted.class, json));
            }
        });
    }

    @GetMapping("/api/community/access/me")
    AccessView mine(CallerIdentity caller) {
        return new AccessView(caller.accountId(), projection.isEnabled(caller.accountId()));
    }

    record AccessView(String accountId, boolean communityAccess) {
    }
}
