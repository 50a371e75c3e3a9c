package dev.tollgate.notification.language;

import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;

/** The caller's account's notification preferences; for now the language of its mail. */
@RestController
class PreferencesController {

    private final AccountLanguages languages;

    PreferencesController(AccountLanguages languages) {
        this.languages = languages;
    }

    @GetMapping("/api/notifications/preferences/me")
    Preferences mine(CallerIdentity caller) {
        return new Preferences(MailFormats.language(languages.localeOf(caller.accountId())));
    }

    @PutMapping("/api/notifications/preferences/me")
    Preferences choose(CallerIdentity caller, @RequestBody Preferences preferences) {
        Locale locale = preferences == null ? null : MailFormats.localeOf(preferences.language());
        if (locale == null) {
            throw ApiProblem.badRequest("language must be one of " + MailFormats.LANGUAGES + ", not "
                    + (preferences == null ? null : preferences.language()));
        }
        languages.choose(caller.accountId(), locale);
        return new Preferences(MailFormats.language(locale));
    }

    /** @param language {@code es} (Latin American Spanish) or {@code en} */
    record Preferences(String language) {
    }
}
