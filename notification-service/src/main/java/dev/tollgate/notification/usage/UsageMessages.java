package dev.tollgate.notification.usage;

import java.text.NumberFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.MailRenderer;
import dev.tollgate.notification.mail.MailSettings;
import dev.tollgate.notification.mail.RenderedMail;
import dev.tollgate.notification.usage.UsageMailer.ThresholdReached;

/**
 * The localized usage mail (80 % or 100 % of a limit), rendered from the event's facts only. The
 * feature is named by its key (e.g. {@code tickets_per_month}): localized feature names would come
 * from the catalog, which this service does not read yet.
 */
@Component
class UsageMessages {

    static final String TEMPLATE = "usage-threshold";

    private final MailRenderer renderer;
    private final MailSettings settings;

    UsageMessages(MailRenderer renderer, MailSettings settings) {
        this.renderer = renderer;
        this.settings = settings;
    }

    RenderedMail render(ThresholdReached news, Locale locale) {
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        Map<String, Object> model = new HashMap<>();
        model.put("brand", settings.brand());
        model.put("billingUrl", settings.appUrl() + "/billing");
        model.put("feature", news.feature().replace('_', ' '));
        model.put("threshold", news.threshold());
        model.put("reached", news.threshold() >= 100);
        model.put("used", numbers.format(news.used()));
        model.put("limit", numbers.format(news.limit()));
        if (news.resetsAt() != null) {
            model.put("resetsOn", MailFormats.date(news.resetsAt(), locale));
        }
        return renderer.render(TEMPLATE, locale, model);
    }
}
