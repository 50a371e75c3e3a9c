package dev.tollgate.subscription.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.subscription.lifecycle.EffectiveSubscription;
import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;

@Repository
public class Subscriptions {

    private static final String COLUMNS = """
            subscription_id, account_id, plan_id, status, billing_interval, trial_end, current_period_end,
            cancel_at_period_end, amount_minor, currency, email, as_of, billing_sequence, trial_start, current_period_start,
            source, suspended_from, past_due_since""";

    private final JdbcClient jdbc;

    Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads a subscription and locks its row until the transaction ends, so two reports for it apply one after the other. */
    public Optional<SubscriptionState> lockById(String subscriptionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE subscription_id = :id FOR UPDATE")
                .param("id", subscriptionId).query(Subscriptions::map).optional();
    }

    /** The subscription that speaks for the account: the best of all its subscriptions, not the last reported. */
    public Optional<SubscriptionState> currentOf(String accountId) {
        return EffectiveSubscription.of(allOf(accountId), planRanks());
    }

    /** Each plan's place in the latest catalog (0 first, the smallest): whether a grant's plan is above an account's own. */
    public Map<String, Integer> planRanks() {
        Map<String, Integer> ranks = new HashMap<>();
        jdbc.sql("SELECT plan_id, min(plan_position) FROM catalog_price GROUP BY plan_id")
                .query((java.sql.ResultSet rs) -> {
                    ranks.put(rs.getString(1), rs.getInt(2));
                });
        return ranks;
    }

    /** Running grants whose end is at or before {@code now}, by id after {@code afterId}: a page of a scan. */
    public List<SubscriptionState> grantsEnded(Instant now, String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE source = 'grant' AND status = 'ACTIVE'"
                + " AND current_period_end <= :now AND subscription_id > :afterId ORDER BY subscription_id LIMIT :limit")
                .param("now", Timestamp.from(now)).param("afterId", afterId == null ? "" : afterId).param("limit", limit)
                .query(Subscriptions::map).list();
    }

    public List<SubscriptionState> allOf(String accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE account_id = :account ORDER BY subscription_id")
                .param("account", accountId).query(Subscriptions::map).list();
    }

    public Optional<SubscriptionState> byId(String subscriptionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE subscription_id = :id")
                .param("id", subscriptionId).query(Subscriptions::map).optional();
    }

    /**
     * Marks the account's first activation and says whether this was it (activated.v1's
     * {@code firstActivation}); in the caller's transaction, under the account's lock.
     */
    public boolean markFirstActivation(String accountId, Instant at) {
        return jdbc.sql("UPDATE account SET first_activated_at = :at WHERE account_id = :account AND first_activated_at IS NULL")
                .param("account", accountId).param("at", Timestamp.from(at)).update() == 1;
    }

    /**
     * Subscriptions in {@code status} (of {@code source}, any when null) whose trial ends after {@code after}
     * and at or before {@code before}, ordered by id after {@code afterId} (null from the start): a page of a scan.
     */
    public List<SubscriptionState> trialsEnding(SubscriptionStatus status, String source, Instant after, Instant before,
            String afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM subscription WHERE status = :status"
                + " AND trial_end IS NOT NULL AND trial_end <= :before");
        Map<String, Object> params = new HashMap<>(Map.of("status", status.name(), "before", Timestamp.from(before),
                "limit", limit));
        if (source != null) {
            sql.append(" AND source = :source");
            params.put("source", source);
        }
        if (after != null) {
            sql.append(" AND trial_end > :after");
            params.put("after", Timestamp.from(after));
        }
        if (afterId != null) {
            sql.append(" AND subscription_id > :afterId");
            params.put("afterId", afterId);
        }
        sql.append(" ORDER BY subscription_id LIMIT :limit");
        return jdbc.sql(sql.toString()).params(params).query(Subscriptions::map).list();
    }

    /** Past-due subscriptions whose grace period began before {@code since}, by id after {@code afterId}: a page of a scan. */
    public List<SubscriptionState> pastDueSince(Instant since, String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE status = 'PAST_DUE' AND past_due_since <= :since"
                + " AND subscription_id > :afterId ORDER BY subscription_id LIMIT :limit")
                .param("since", Timestamp.from(since)).param("afterId", afterId == null ? "" : afterId).param("limit", limit)
                .query(Subscriptions::map).list();
    }

    /** Every subscription (metrics, admin search read their own projections; this is for small scans). */
    public List<SubscriptionState> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscription ORDER BY subscription_id").query(Subscriptions::map).list();
    }

    /**
     * Locks the account's row until the transaction ends and returns the version of its last
     * lifecycle event (0 before the first): reports about different subscriptions of one account
     * then apply one after the other, each seeing the others' effect.
     */
    public long lockAccount(String accountId) {
        jdbc.sql("INSERT INTO account (account_id, version) VALUES (:account, 0) ON CONFLICT (account_id) DO NOTHING")
                .param("account", accountId).update();
        return jdbc.sql("SELECT version FROM account WHERE account_id = :account FOR UPDATE")
                .param("account", accountId).query(Long.class).single();
    }

    public void saveAccountVersion(String accountId, long version) {
        jdbc.sql("UPDATE account SET version = :version WHERE account_id = :account")
                .param("account", accountId).param("version", version).update();
    }

    public void save(SubscriptionState state) {
        jdbc.sql("""
                INSERT INTO subscription (subscription_id, account_id, plan_id, status, billing_interval, trial_end,
                    current_period_end, cancel_at_period_end, amount_minor, currency, email, as_of, billing_sequence,
                    trial_start, current_period_start, source, suspended_from, past_due_since)
                VALUES (:id, :account, :plan, :status, :interval, :trialEnd, :periodEnd, :cancel, :amount, :currency, :email, :asOf,
                    :sequence, :trialStart, :periodStart, :source, :suspendedFrom, :pastDueSince)
                ON CONFLICT (subscription_id) DO UPDATE SET
                    account_id = EXCLUDED.account_id, plan_id = EXCLUDED.plan_id, status = EXCLUDED.status,
                    billing_interval = EXCLUDED.billing_interval, trial_end = EXCLUDED.trial_end,
                    current_period_end = EXCLUDED.current_period_end, cancel_at_period_end = EXCLUDED.cancel_at_period_end,
                    amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency,
                    email = COALESCE(EXCLUDED.email, subscription.email), as_of = EXCLUDED.as_of,
                    billing_sequence = EXCLUDED.billing_sequence, trial_start = EXCLUDED.trial_start,
                    current_period_start = EXCLUDED.current_period_start, source = EXCLUDED.source,
                    suspended_from = EXCLUDED.suspended_from, past_due_since = EXCLUDED.past_due_since""")
                .param("id", state.subscriptionId())
                .param("account", state.accountId())
                .param("plan", state.planId())
                .param("status", state.status().name())
                .param("interval", state.billingInterval())
                .param("trialEnd", timestamp(state.trialEnd()))
                .param("periodEnd", timestamp(state.currentPeriodEnd()))
                .param("cancel", state.cancelAtPeriodEnd())
                .param("amount", state.amountMinor())
                .param("currency", state.currency())
                .param("email", state.email())
                .param("asOf", timestamp(state.asOf()))
                .param("sequence", state.billingSequence(), Types.BIGINT)
                .param("trialStart", timestamp(state.trialStart()))
                .param("periodStart", timestamp(state.currentPeriodStart()))
                .param("source", state.source())
                .param("suspendedFrom", state.suspendedFrom() == null ? null : state.suspendedFrom().name(), Types.VARCHAR)
                .param("pastDueSince", timestamp(state.pastDueSince()))
                .update();
    }

    private static SubscriptionState map(ResultSet rs, int row) throws SQLException {
        return new SubscriptionState(rs.getString("subscription_id"), rs.getString("account_id"), rs.getString("plan_id"),
                SubscriptionStatus.valueOf(rs.getString("status")), rs.getString("billing_interval"),
                instant(rs.getTimestamp("trial_end")), instant(rs.getTimestamp("current_period_end")),
                rs.getBoolean("cancel_at_period_end"), rs.getLong("amount_minor"), rs.getString("currency"),
                rs.getString("email"), instant(rs.getTimestamp("as_of")), rs.getObject("billing_sequence", Long.class),
                instant(rs.getTimestamp("trial_start")), instant(rs.getTimestamp("current_period_start")), rs.getString("source"),
                rs.getString("suspended_from") == null ? null : SubscriptionStatus.valueOf(rs.getString("suspended_from")),
                instant(rs.getTimestamp("past_due_since")));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
