package dev.tollgate.notification.mail;

import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code mail_opt_out} table: the non-essential categories an address of an account opted out
 * of, through its user's preferences or a one-click unsubscribe. Kept per account and address
 * (each user of an account has their own), since a mail is addressed to one.
 */
@Repository
public class OptOuts {

    private final JdbcClient jdbc;

    OptOuts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean optedOut(String accountId, String email, MailCategory category) {
        return !category.essential() && jdbc.sql("""
                SELECT count(*) FROM mail_opt_out WHERE account_id = :account AND email = :email AND category = :category""")
                .param("account", accountId).param("email", email.toLowerCase(Locale.ROOT)).param("category", category.key())
                .query(Long.class).single() > 0;
    }

    public List<String> of(String accountId, String email) {
        return jdbc.sql("SELECT category FROM mail_opt_out WHERE account_id = :account AND email = :email ORDER BY category")
                .param("account", accountId).param("email", email.toLowerCase(Locale.ROOT)).query(String.class).list();
    }

    public void optOut(String accountId, String email, MailCategory category) {
        jdbc.sql("""
                INSERT INTO mail_opt_out (account_id, email, category) VALUES (:account, :email, :category)
                ON CONFLICT DO NOTHING""")
                .param("account", accountId).param("email", email.toLowerCase(Locale.ROOT)).param("category", category.key())
                .update();
    }

    /** Replaces the address's opt-outs with exactly {@code categories}. */
    public void replace(String accountId, String email, List<MailCategory> categories) {
        jdbc.sql("DELETE FROM mail_opt_out WHERE account_id = :account AND email = :email")
                .param("account", accountId).param("email", email.toLowerCase(Locale.ROOT)).update();
        categories.forEach(category -> optOut(accountId, email, category));
    }
}
