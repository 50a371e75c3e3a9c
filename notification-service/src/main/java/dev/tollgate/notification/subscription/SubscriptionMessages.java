package dev.tollgate.notification.subscription;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.MailRenderer;
import dev.tollgate.notification.mail.MailSettings;
import dev.tollgate.notification.mail.RenderedMail;
import dev.tollgate.notification.subscription.SubscriptionMailer.SubscriptionNews;

/**
 * The localized subscription mails, rendered from the event's facts only (no database): what the
 * consumer writes and what the tests read. The plan's name comes from the catalog (the caller
 * looks it up); before any catalog arrived it is the event's {@code planId}.
 */
@Component
class SubscriptionMessages {

    static final String RECOVERED = "subscription-recovered";
    static final String TRIAL_EXPIRING = "trial-expiring";
    static final String TRIAL_EXPIRED = "trial-expired";

    private final MailRenderer renderer;
    private final MailSettings settings;

    SubscriptionMessages(MailRenderer renderer, MailSettings settings) {
        this.renderer = renderer;
        this.settings = settings;
    }

    RenderedMail render(String template, SubscriptionNews news, String planName, Locale locale) {
        Map<String, Object> model = new HashMap<>();
        model.put("brand", settings.brand());
        model.put("appUrl", settings.appUrl());
        model.put("billingUrl", settings.appUrl() + "/billing");
        model.put("planName", planName != null ? planName : news.planId() != null ? news.planId() : settings.brand());
        // Absent facts stay out of the model, so a template's {{#fact}} section is left out rather than rendered empty.
        if (news.currentPeriodEnd() != null) {
            model.put("periodEnd", MailFormats.date(news.currentPeriodEnd(), locale));
        }
        if (news.trialEnd() != null) {
            model.put("trialEnd", MailFormats.date(news.trialEnd(), locale));
        }
        if (news.amountMinor() != null && news.currency() != null) {
            model.put("price", MailFormats.money(news.amountMinor(), news.currency(), locale));
            model.put("yearly", "year".equals(news.billingInterval()));
        }
        if (news.daysLeft() != null) {
            model.put("daysLeft", news.daysLeft());
            model.put("oneDay", news.daysLeft() == 1);
        }
        return renderer.render(template, locale, model);
    }
}
