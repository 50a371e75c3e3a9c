package dev.tollgate.notification.language;

import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.notification.mail.MailFormats;

/**
 * The language a mail of an account is written in: the preference of the user the mail goes to
 * (the account's user with that address, {@code user_preference}), else the account's
 * ({@code account_language}), else the configured default (the catalog's: Latin American Spanish for
 * the Community Edition).
 */
@Repository
public class AccountLanguages {

    private final JdbcClient jdbc;
    private final Locale fallback;

    AccountLanguages(JdbcClient jdbc, @Value("${tollgate.notification.mail.default-language:es-419}") String fallback) {
        this.jdbc = jdbc;
        Locale locale = MailFormats.localeOf(fallback);
        if (locale == null) {
            throw new IllegalStateException("tollgate.notification.mail.default-language (MAIL_DEFAULT_LANGUAGE) must be one of "
                    + MailFormats.LANGUAGES + ", not " + fallback);
        }
        this.fallback = locale;
    }

    /** For a mail to the account's last known address (the one its events carried). */
    public Locale localeOf(String accountId) {
        String address = jdbc.sql("SELECT email FROM account_address WHERE account_id = :account").param("account", accountId)
                .query(String.class).optional().orElse(null);
        return localeOf(accountId, address);
    }

    /** For a mail to {@code email} (null: none known) of the account. */
    public Locale localeOf(String accountId, String email) {
        Optional<String> user = email == null ? Optional.empty() : jdbc.sql("""
                SELECT language FROM user_preference
                WHERE account_id = :account AND lower(email) = lower(:email) AND language IS NOT NULL
                ORDER BY updated_at DESC LIMIT 1""").param("account", accountId).param("email", email).query(String.class)
                .optional();
        return user.or(() -> accountLanguage(accountId)).map(MailFormats::localeOf).orElse(fallback);
    }

    Optional<String> accountLanguage(String accountId) {
        return jdbc.sql("SELECT language FROM account_language WHERE account_id = :account").param("account", accountId)
                .query(String.class).optional();
    }

    Optional<String> userLanguage(String accountId, String userId) {
        return jdbc.sql("SELECT language FROM user_preference WHERE account_id = :account AND user_id = :user")
                .param("account", accountId).param("user", userId).query(String.class).optional();
    }

    void chooseForAccount(String accountId, Locale locale) {
        jdbc.sql("""
                INSERT INTO account_language (account_id, language) VALUES (:account, :language)
                ON CONFLICT (account_id) DO UPDATE SET language = EXCLUDED.language, chosen_at = now()""")
                .param("account", accountId).param("language", MailFormats.language(locale)).update();
    }

    void chooseForUser(String accountId, String userId, String email, Locale locale) {
        jdbc.sql("""
                INSERT INTO user_preference (account_id, user_id, email, language) VALUES (:account, :user, :email, :language)
                ON CONFLICT (account_id, user_id) DO UPDATE SET email = EXCLUDED.email, language = EXCLUDED.language,
                    updated_at = now()""")
                .param("account", accountId).param("user", userId).param("email", email)
                .param("language", MailFormats.language(locale)).update();
    }
}
