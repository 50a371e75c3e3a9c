package dev.tollgate.community.entitlement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
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
    static final String FEATURE = "community_access";

    private final JsonMapper json;
    private final JdbcClient jdbc;

    CommunityAccess(JsonMapper json, JdbcClient jdbc) {
        this.json = json;
        this.jdbc = jdbc;
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.ENTITLEMENT).on("entitlements.changed.v1", envelope -> {
                Granted granted = envelope.dataAs(Granted.class, json);
                Feature feature = granted.features() == null ? null : granted.features().get(FEATURE);
                boolean enabled = feature != null && Boolean.TRUE.equals(feature.enabled());
                // Only a newer grant replaces the held one, whatever order redeliveries come in.
                jdbc.sql("""
                        INSERT INTO community_access (account_id, enabled, as_of) VALUES (:account, :enabled, :asOf)
                        ON CONFLICT (account_id) DO UPDATE SET enabled = EXCLUDED.enabled, as_of = EXCLUDED.as_of
                        WHERE community_access.as_of <= EXCLUDED.as_of""")
                        .param("account", granted.accountId()).param("enabled", enabled)
                        .param("asOf", Timestamp.from(granted.occurredAt()))
                        .update();
        });
    }

    @GetMapping("/api/community/access/me")
    AccessView mine(CallerIdentity caller) {
        boolean enabled = jdbc.sql("SELECT enabled FROM community_access WHERE account_id = :account")
                .param("account", caller.accountId()).query(Boolean.class).optional().orElse(false);
        return new AccessView(caller.accountId(), enabled);
    }

    record AccessView(String accountId, boolean communityAccess) {
    }

    record Granted(String accountId, Instant occurredAt, Map<String, Feature> features) {
    }

    record Feature(Boolean enabled) {
    }
}
