package dev.tollgate.entitlement.grant;

import java.sql.Timestamp;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.entitlement.plan.Entitlement;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class Grants {

    private static final TypeReference<Map<String, Entitlement>> FEATURES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Grants(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<AccountEntitlements> find(String accountId, boolean lock) {
        return jdbc.sql("SELECT account_id, plan_id, subscription_status, features, subscription_version, version, as_of "
                + "FROM account_entitlements WHERE account_id = :account" + (lock ? " FOR UPDATE" : ""))
                .param("account", accountId)
                .query((rs, n) -> new AccountEntitlements(rs.getString(1), rs.getString(2), rs.getString(3),
                        new TreeMap<>(json.readValue(rs.getString(4), FEATURES)), rs.getLong(5), rs.getLong(6),
                        rs.getTimestamp(7).toInstant()))
                .optional();
    }

    void save(AccountEntitlements grant) {
        jdbc.sql("""
                INSERT INTO account_entitlements (account_id, plan_id, subscription_status, features, subscription_version,
                    version, as_of)
                VALUES (:account, :plan, :status, CAST(:features AS jsonb), :subscriptionVersion, :version, :asOf)
                ON CONFLICT (account_id) DO UPDATE SET plan_id = EXCLUDED.plan_id,
                    subscription_status = EXCLUDED.subscription_status, features = EXCLUDED.features,
                    subscription_version = EXCLUDED.subscription_version, version = EXCLUDED.version, as_of = EXCLUDED.as_of""")
                .param("account", grant.accountId())
                .param("plan", grant.planId())
                .param("status", grant.subscriptionStatus())
                .param("features", json.writeValueAsString(grant.features()))
                .param("subscriptionVersion", grant.subscriptionVersion())
                .param("version", grant.version())
                .param("asOf", Timestamp.from(grant.asOf()))
                .update();
    }
}
