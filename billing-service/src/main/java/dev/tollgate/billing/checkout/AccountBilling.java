package dev.tollgate.billing.checkout;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What billing's own records say about an account, as checkout needs it. */
@Component
class AccountBilling {

    /** Statuses in which a subscription still grants its plan (Stripe is retrying a past-due one). */
    private static final List<String> HOLDING = List.of("trialing", "active", "past_due");

    private final JdbcClient jdbc;

    AccountBilling(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Account(List<String> plans, boolean everSubscribed, boolean hadTrial, Optional<String> customerId) {
    }

    Account of(String accountId) {
        List<String> plans = jdbc.sql("""
                SELECT DISTINCT plan_id FROM stripe_subscription WHERE account_id = :account AND status IN (:holding)""")
                .param("account", accountId).param("holding", HOLDING).query(String.class).list();
        boolean subscribed = jdbc.sql("SELECT count(*) FROM stripe_subscription WHERE account_id = :account")
                .param("account", accountId).query(Long.class).single() > 0;
        boolean trial = jdbc.sql("""
                SELECT count(*) FROM stripe_subscription WHERE account_id = :account
                   AND (trial_start IS NOT NULL OR status = 'trialing')""")
                .param("account", accountId).query(Long.class).single() > 0;
        Optional<String> customer = jdbc.sql("""
                SELECT customer_id FROM stripe_customer WHERE account_id = :account AND deleted_at IS NULL
                 ORDER BY linked_at DESC, customer_id LIMIT 1""")
                .param("account", accountId).query(String.class).optional();
        return new Account(plans, subscribed, trial, customer);
    }
}
