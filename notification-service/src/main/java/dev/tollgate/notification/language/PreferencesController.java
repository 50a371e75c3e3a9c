package dev.tollgate.notification.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.notification.mail.MailCategory;
import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.OptOuts;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;

/**
 * The caller's own notification preferences: the language of the mail addressed to them, and the
 * non-essential categories ({@code usage}, {@code tips}, {@code community}) they opted out of.
 * Billing, security and support mail cannot be opted out of.
 */
@RestController
class PreferencesController {

    private static final List<String> OPTIONAL = List.of("usage", "tips", "community");

    private final AccountLanguages languages;
    private final OptOuts optOuts;

    PreferencesController(AccountLanguages languages, OptOuts optOuts) {
        this.languages = languages;
        this.optOuts = optOuts;
    }

    @GetMapping("/api/notifications/preferences/me")
    Preferences mine(CallerIdentity caller) {
        String language = languages.userLanguage(caller.accountId(), caller.userId())
                .orElseGet(() -> MailFormats.language(languages.localeOf(caller.accountId(), caller.email())));
        return new Preferences(language, caller.email() == null ? List.of() : optOuts.of(caller.accountId(), caller.email()));
    }

    /**
     * Sets what the body names: {@code language} for the caller (and for the account when it has
     * none yet, so the account's other mail follows its first choice), {@code optOuts} as the
     * complete list of the caller's opted-out categories (by the caller's address).
     */
    @PutMapping("/api/notifications/preferences/me")
    @Transactional
    Preferences choose(CallerIdentity caller, @RequestBody Preferences preferences) {
        if (preferences == null || preferences.language() == null && preferences.optOuts() == null) {
            throw ApiProblem.badRequest("Send language (one of " + MailFormats.LANGUAGES + ") and/or optOuts (any of " + OPTIONAL
                    + ").");
        }
        Locale locale = null;
        if (preferences.language() != null) {
            locale = MailFormats.localeOf(preferences.language());
            if (locale == null) {
                throw ApiProblem.badRequest("language must be one of " + MailFormats.LANGUAGES + ", not " + preferences.language());
            }
        }
        List<MailCategory> categories = new ArrayList<>();
        if (preferences.optOuts() != null) {
            if (caller.email() == null) {
                throw ApiProblem.badRequest("Opting out needs the caller's e-mail address, which this identity lacks.");
            }
            for (String key : preferences.optOuts()) {
                MailCategory category = MailCategory.optional(key);
                if (category == null) {
                    throw ApiProblem.badRequest("optOuts may name only " + OPTIONAL + "; billing, security and support mail is"
                            + " always sent, not " + key);
                }
                categories.add(category);
            }
        }
        if (locale != null) {
            languages.chooseForUser(caller.accountId(), caller.userId(), caller.email(), locale);
            if (languages.accountLanguage(caller.accountId()).isEmpty()) {
                languages.chooseForAccount(caller.accountId(), locale);
            }
        }
        if (preferences.optOuts() != null) {
            optOuts.replace(caller.accountId(), caller.email(), categories);
        }
        return mine(caller);
    }

    /**
     * @param language {@code es} (Latin American Spanish) or {@code en}
     * @param optOuts the non-essential categories the caller receives no mail of
     */
    record Preferences(String language, List<String> optOuts) {
    }
}
