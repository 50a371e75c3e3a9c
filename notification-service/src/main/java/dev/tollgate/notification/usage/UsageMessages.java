package dev.tollgate.notification.usage;

import java.text.NumberFormat;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.tollgate.notification.mail.FeatureNames;
import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.MailRenderer;
import dev.tollgate.notification.mail.MailSettings;
import dev.tollgate.notification.mail.MessageSamples;
import dev.tollgate.notification.mail.RenderedMail;
import dev.tollgate.notification.usage.UsageMailer.ThresholdReached;

/**
 * The localized usage mails: 80 % or 100 % of a limit, and a request refused beyond it (quota
 * exceeded), rendered from the event's facts only. The feature is named in the customer's language
 * ({@link FeatureNames}), not by its key.
 */
@Component
public class UsageMessages implements MessageSamples {

    static final String TEMPLATE = "usage-threshold";
    static final String QUOTA_EXCEEDED = "quota-exceeded";

    private final MailRenderer renderer;
    private final MailSettings settings;

    public UsageMessages(MailRenderer renderer, MailSettings settings) {
        this.renderer = renderer;
        this.settings = settings;
    }

    RenderedMail render(ThresholdReached news, Locale locale) {
        return renderer.render(TEMPLATE, locale, model(news, locale));
    }

    RenderedMail renderExceeded(ThresholdReached news, Locale locale) {
        Map<String, Object> model = model(news, locale);
        if (news.requested() != null) {
            model.put("requested", NumberFormat.getIntegerInstance(locale).format(news.requested()));
        }
        return renderer.render(QUOTA_EXCEEDED, locale, model);
    }

    private Map<String, Object> model(ThresholdReached news, Locale locale) {
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        Map<String, Object> model = new HashMap<>();
        model.put("brand", settings.brand());
        model.put("billingUrl", settings.appUrl() + "/billing");
        model.put("feature", FeatureNames.name(news.feature(), locale));
        if (news.threshold() != null) {
            model.put("threshold", news.threshold());
            model.put("reached", news.threshold() >= 100);
        }
        model.put("used", numbers.format(news.used()));
        model.put("limit", numbers.format(news.limit()));
        if (news.resetsAt() != null) {
            model.put("resetsOn", MailFormats.date(news.resetsAt(), locale));
        }
        return model;
    }

    @Override
    public List<String> templates() {
        return List.of(TEMPLATE, QUOTA_EXCEEDED);
    }

    /** Samples: 80,000 of 100,000 AI tokens used (80 %), or a request of 5,000 refused at 100,000. */
    @Override
    public RenderedMail sample(String template, Locale locale) {
        boolean exceeded = QUOTA_EXCEEDED.equals(template);
        ThresholdReached news = new ThresholdReached("acct_sample", Instant.parse("2026-12-06T10:00:00Z"), "ai_tokens",
                exceeded ? null : 80, 100_000L, exceeded ? 100_000L : 80_000L, Instant.parse("2027-01-01T00:00:00Z"),
                exceeded ? 5_000L : null);
        return exceeded ? renderExceeded(news, locale) : render(news, locale);
    }
}
