package dev.tollgate.ticket.entitlement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.platform.events.MalformedEventException;

/** Each account's monthly priority-ticket limit, as the grant of the highest version says. */
@Repository
class AllowanceProjection {

    static final String FEATURE = "priority_support_tickets";

    private final JdbcClient jdbc;

    AllowanceProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps {@code granted} unless a grant of the same or a higher version is held: arrival order never decides. */
    void apply(Granted granted) {
        Limit limit = granted.features() == null ? null : granted.features().get(FEATURE);
        jdbc.sql("""
                INSERT INTO ticket_allowance (account_id, monthly_limit, version, as_of) VALUES (:account, :limit, :version, :asOf)
                ON CONFLICT (account_id) DO UPDATE SET monthly_limit = EXCLUDED.monthly_limit, version = EXCLUDED.version,
                    as_of = EXCLUDED.as_of
                WHERE ticket_allowance.version < EXCLUDED.version""")
                .param("account", granted.accountId())
                .param("limit", limit == null || limit.limit() == null ? 0L : limit.limit())
                .param("version", granted.requiredVersion())
                .param("asOf", Timestamp.from(granted.occurredAt()))
                .update();
    }

    /** -1 means unlimited; 0 (also for an account never granted anything) means no priority tickets. */
    long monthlyLimit(String accountId) {
        return jdbc.sql("SELECT monthly_limit FROM ticket_allowance WHERE account_id = :account")
                .param("account", accountId).query(Long.class).optional().orElse(0L);
    }

    /** Our read model of {@code entitlements.changed.v1}. */
    record Granted(String accountId, Instant occurredAt, Long version, Map<String, Limit> features) {

        long requiredVersion() {
            if (version == null) {
                throw new MalformedEventException("entitlements.changed.v1 for account " + accountId
                        + " carries no version, so it cannot be ordered against the allowance held");
            }
            return version;
        }
    }

    record Limit(Long limit) {
    }
}
