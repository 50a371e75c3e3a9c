package dev.tollgate.notification.language;

import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.notification.mail.MailFormats;

/** The {@code account_language} table: the account's chosen language, or the configured default. */
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

    public Locale localeOf(String accountId) {
        return jdbc.sql("SELECT language FROM account_language WHERE account_id = :account").param("account", accountId)
                .query(String.class).optional().map(MailFormats::localeOf).orElse(fallback);
    }

    void choose(String accountId, Locale locale) {
        jdbc.sql("""
                INSERT INTO account_language (account_id, language) VALUES (:account, :language)
                ON CONFLICT (account_id) DO UPDATE SET language = EXCLUDED.language, chosen_at = now()""")
                .param("account", accountId).param("language", MailFormats.language(locale)).update();
    }
}
