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
            + "add_ons, period_anchor";

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
                        instant(rs.getTimestamp(9))))
                .optional();
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(java.time.Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    void save(AccountEntitlements grant) {
        jdbc.sql("""
                INSERT INTO account_entitlements (account_id, plan_id, subscription_status, features, subscription_version,
                    version, as_of, add_ons, period_anchor)
                VALUES (:account, :plan, :status, CAST(:features AS jsonb), :subscriptionVersion, :version, :asOf,
                    CAST(:addOns AS jsonb), :periodAnchor)
                ON CONFLICT (account_id) DO UPDATE SET plan_id = EXCLUDED.plan_id,
                    subscription_status = EXCLUDED.subscription_status, features = EXCLUDED.features,
                    subscription_version = EXCLUDED.subscription_version, version = EXCLUDED.version, as_of = EXCLUDED.as_of,
                    add_ons = EXCLUDED.add_ons,
                    period_anchor = EXCLUDED.period_anchor""")
                .param("account", grant.accountId())
                .param("plan", grant.planId())
                .param("status", grant.subscriptionStatus())
                .param("features", json.writeValueAsString(grant.features()))
                .param("subscriptionVersion", grant.subscriptionVersion())
                .param("version", grant.version())
                .param("asOf", Timestamp.from(grant.asOf()))
                .param("addOns", json.writeValueAsString(grant.addOns()))
                .param("periodAnchor", timestamp(grant.periodAnchor()))
                .update();
    }
}
