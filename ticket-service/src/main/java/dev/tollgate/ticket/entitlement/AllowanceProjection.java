package dev.tollgate.ticket.entitlement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.platform.events.MalformedEventException;

/** Each account's monthly priority-ticket limit and plan, as the grant of the highest version says. */
@Repository
public class AllowanceProjection {

    static final String FEATURE = "priority_support_tickets";

    private final JdbcClient jdbc;

    AllowanceProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps {@code granted} unless a grant of the same or a higher version is held: arrival order never decides. */
    void apply(Granted granted) {
        Limit limit = granted.features() == null ? null : granted.features().get(FEATURE);
        jdbc.sql("""
                INSERT INTO ticket_allowance (account_id, monthly_limit, version, as_of, plan_id)
                VALUES (:account, :limit, :version, :asOf, :plan)
                ON CONFLICT (account_id) DO UPDATE SET monthly_limit = EXCLUDED.monthly_limit, version = EXCLUDED.version,
                    as_of = EXCLUDED.as_of, plan_id = EXCLUDED.plan_id
                WHERE ticket_allowance.version < EXCLUDED.version""")
                .param("account", granted.accountId())
                .param("limit", limit == null || limit.limit() == null ? 0L : limit.limit())
                .param("version", granted.requiredVersion())
                .param("asOf", Timestamp.from(granted.occurredAt()))
                .param("plan", granted.planId())
                .update();
    }

    /** -1 means unlimited; 0 (also for an account never granted anything) means no priority tickets. */
    public long monthlyLimit(String accountId) {
        return allowanceOf(accountId).monthlyLimit();
    }

    /** The account's grant; an account never granted anything may open no priority tickets and has no plan. */
    public Allowance allowanceOf(String accountId) {
        return jdbc.sql("SELECT monthly_limit, plan_id FROM ticket_allowance WHERE account_id = :account")
                .param("account", accountId).query((rs, n) -> new Allowance(rs.getLong(1), rs.getString(2))).optional()
                .orElse(new Allowance(0, null));
    }

    /** @param monthlyLimit -1 unlimited, 0 none */
    public record Allowance(long monthlyLimit, String planId) {

        public static final long UNLIMITED = -1;

        public boolean unlimited() {
            return monthlyLimit < 0;
        }
    }

    /** Our read model of {@code entitlements.changed.v1}. */
    record Granted(String accountId, Instant occurredAt, Long version, String planId, Map<String, Limit> features) {

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
