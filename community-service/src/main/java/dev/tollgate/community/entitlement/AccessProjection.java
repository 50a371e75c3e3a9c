package dev.tollgate.community.entitlement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.platform.events.MalformedEventException;

/** Whether each account may use the community, as the grant of the highest version says. */
@Repository
class AccessProjection {

    static final String FEATURE = "community_access";

    private final JdbcClient jdbc;

    AccessProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps {@code granted} unless a grant of the same or a higher version is held: arrival order never decides. */
    void apply(Granted granted) {
        Feature feature = granted.features() == null ? null : granted.features().get(FEATURE);
        boolean enabled = feature != null && Boolean.TRUE.equals(feature.enabled());
        jdbc.sql("""
                INSERT INTO community_access (account_id, enabled, version, as_of) VALUES (:account, :enabled, :version, :asOf)
                ON CONFLICT (account_id) DO UPDATE SET enabled = EXCLUDED.enabled, version = EXCLUDED.version,
                    as_of = EXCLUDED.as_of
                WHERE community_access.version < EXCLUDED.version""")
                .param("account", granted.accountId()).param("enabled", enabled)
                .param("version", granted.requiredVersion())
                .param("asOf", Timestamp.from(granted.occurredAt()))
                .update();
    }

    boolean isEnabled(String accountId) {
        return jdbc.sql("SELECT enabled FROM community_access WHERE account_id = :account")
                .param("account", accountId).query(Boolean.class).optional().orElse(false);
    }

    /** Our read model of {@code entitlements.changed.v1}. */
    record Granted(String accountId, Instant occurredAt, Long version, Map<String, Feature> features) {

        long requiredVersion() {
            if (version == null) {
                throw new MalformedEventException("entitlements.changed.v1 for account " + accountId
                        + " carries no version, so it cannot be ordered against the grant held");
            }
            return version;
        }
    }

    record Feature(Boolean enabled) {
    }
}
