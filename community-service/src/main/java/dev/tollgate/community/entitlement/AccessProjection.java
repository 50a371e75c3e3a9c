package dev.tollgate.community.entitlement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.platform.events.MalformedEventException;

/** Whether each account may use the community, as the grant of the highest version says. */
@Repository
class AccessProjection {

    static final String FEATURE = "community_access";

    private final JdbcClient jdbc;
    /** Lazily: the listeners (memberships) use the gate, which uses this projection. */
    private final ObjectProvider<AccessChanges> listeners;

    AccessProjection(JdbcClient jdbc, ObjectProvider<AccessChanges> listeners) {
        this.jdbc = jdbc;
        this.listeners = listeners;
    }

    /**
     * Keeps {@code granted} unless a grant of the same or a higher version is held: arrival order never decides.
     * When the kept grant turns access off or on, the listeners act in this same transaction, under the
     * account's row lock, so a concurrent join either sees the old access and is suspended with the rest,
     * or waits and sees the new one.
     */
    void apply(Granted granted) {
        Feature feature = granted.features() == null ? null : granted.features().get(FEATURE);
        boolean enabled = feature != null && Boolean.TRUE.equals(feature.enabled());
        Optional<Boolean> held = jdbc.sql("SELECT enabled FROM community_access WHERE account_id = :account FOR UPDATE")
                .param("account", granted.accountId()).query(Boolean.class).optional();
        int kept = jdbc.sql("""
                INSERT INTO community_access (account_id, enabled, version, as_of) VALUES (:account, :enabled, :version, :asOf)
                ON CONFLICT (account_id) DO UPDATE SET enabled = EXCLUDED.enabled, version = EXCLUDED.version,
                    as_of = EXCLUDED.as_of
                WHERE community_access.version < EXCLUDED.version""")
                .param("account", granted.accountId()).param("enabled", enabled)
                .param("version", granted.requiredVersion())
                .param("asOf", Timestamp.from(granted.occurredAt()))
                .update();
        boolean before = held.orElse(false);
        if (kept == 1 && before != enabled) {
            listeners.orderedStream().forEach(listener -> {
                if (enabled) {
                    listener.accessRegained(granted.accountId());
                } else {
                    listener.accessLost(granted.accountId());
                }
            });
        }
    }

    boolean isEnabled(String accountId) {
        return jdbc.sql("SELECT enabled FROM community_access WHERE account_id = :account")
                .param("account", accountId).query(Boolean.class).optional().orElse(false);
    }

    /** Reads the account's access and holds its row (shared) until the transaction ends, so no grant changes it meanwhile. */
    boolean isEnabledHeld(String accountId) {
        return jdbc.sql("SELECT enabled FROM community_access WHERE account_id = :account FOR SHARE")
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
