package dev.tollgate.entitlement.grant;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.entitlement.plan.SubscriptionSnapshot;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class Grants {

    private static final TypeReference<Map<String, Entitlement>> FEATURES = new TypeReference<>() {
    };
    private static final TypeReference<List<SubscriptionSnapshot.AddOn>> ADD_ONS = new TypeReference<>() {
    };
    private static final String COLUMNS = "account_id, plan_id, subscription_status, features, subscription_version, version, as_of, "
            + "add_ons, past_due_since, period_anchor";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Grants(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<AccountEntitlements> find(String accountId, boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account_entitlements WHERE account_id = :account" + (lock ? " FOR UPDATE" : ""))
                .param("account", accountId)
                .query((rs, n) -> new AccountEntitlements(rs.getString(1), rs.getString(2), rs.getString(3),
                        new TreeMap<>(json.readValue(rs.getString(4), FEATURES)), rs.getLong(5), rs.getLong(6),
                        rs.getTimestamp(7).toInstant(), json.readValue(rs.getString(8), ADD_ONS),
                        instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10))))
                .optional();
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(java.time.Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** Past-due accounts whose grace period ended before {@code cutoff} and whose grant was not recomputed since. */
    List<String> graceEndedBefore(java.time.Instant cutoff, int limit) {
        return jdbc.sql("SELECT account_id FROM account_entitlements WHERE subscription_status = 'past_due' AND NOT grace_ended "
                + "AND past_due_since <= :cutoff ORDER BY past_due_since LIMIT :limit")
                .param("cutoff", Timestamp.from(cutoff)).param("limit", limit).query(String.class).list();
    }

    void markGraceEnded(String accountId) {
        jdbc.sql("UPDATE account_entitlements SET grace_ended = true WHERE account_id = ?").param(accountId).update();
    }

    void save(AccountEntitlements grant) {
        jdbc.sql("""
                INSERT INTO account_entitlements (account_id, plan_id, subscription_status, features, subscription_version,
                    version, as_of, add_ons, past_due_since, period_anchor)
                VALUES (:account, :plan, :status, CAST(:features AS jsonb), :subscriptionVersion, :version, :asOf,
                    CAST(:addOns AS jsonb), :pastDueSince, :periodAnchor)
                ON CONFLICT (account_id) DO UPDATE SET plan_id = EXCLUDED.plan_id,
                    subscription_status = EXCLUDED.subscription_status, features = EXCLUDED.features,
                    subscription_version = EXCLUDED.subscription_version, version = EXCLUDED.version, as_of = EXCLUDED.as_of,
                    add_ons = EXCLUDED.add_ons, past_due_since = EXCLUDED.past_due_since,
                    period_anchor = EXCLUDED.period_anchor, grace_ended = false""")
                .param("account", grant.accountId())
                .param("plan", grant.planId())
                .param("status", grant.subscriptionStatus())
                .param("features", json.writeValueAsString(grant.features()))
                .param("subscriptionVersion", grant.subscriptionVersion())
                .param("version", grant.version())
                .param("asOf", Timestamp.from(grant.asOf()))
                .param("addOns", json.writeValueAsString(grant.addOns()))
                .param("pastDueSince", timestamp(grant.pastDueSince()))
                .param("periodAnchor", timestamp(grant.periodAnchor()))
                .update();
    }
}
