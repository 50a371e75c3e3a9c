package dev.tollgate.notification.billing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.tollgate.notification.billing.BillingMailer.PaymentNews;
import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.MailRenderer;
import dev.tollgate.notification.mail.MailSettings;
import dev.tollgate.notification.mail.RenderedMail;

/** The localized payment mails, rendered from the event's facts only (no database). */
@Component
class BillingMessages {

    static final String SUCCEEDED_EVENT = "billing.payment_succeeded.v1";
    static final String FAILED_EVENT = "billing.payment_failed.v1";
    static final String ACTION_REQUIRED_EVENT = "billing.payment_action_required.v1";

    private final MailRenderer renderer;
    private final MailSettings settings;

    BillingMessages(MailRenderer renderer, MailSettings settings) {
        this.renderer = renderer;
        this.settings = settings;
    }

    static String templateOf(String eventType) {
        return switch (eventType) {
            case SUCCEEDED_EVENT -> "payment-succeeded";
            case FAILED_EVENT -> "payment-failed";
            case ACTION_REQUIRED_EVENT -> "payment-action-required";
            default -> throw new IllegalArgumentException("no payment mail for " + eventType);
        };
    }

    RenderedMail render(String eventType, PaymentNews news, Locale locale) {
        Map<String, Object> model = new HashMap<>();
        model.put("brand", settings.brand());
        model.put("billingUrl", settings.appUrl() + "/billing");
        Long amount = SUCCEEDED_EVENT.equals(eventType) ? news.amountMinor() : news.amountDueMinor();
        model.put("amount", MailFormats.money(amount == null ? 0 : amount, news.currency(), locale));
        // Absent facts stay out of the model, so a template's {{#fact}} section is left out rather than rendered empty.
        putIfPresent(model, "invoiceNumber", news.invoiceNumber());
        putIfPresent(model, "invoiceUrl", news.hostedInvoiceUrl());
        putIfPresent(model, "invoicePdf", news.invoicePdf());
        putIfPresent(model, "attempt", news.attemptCount());
        putIfPresent(model, "nextAttempt", MailFormats.date(news.nextPaymentAttempt(), locale));
        putIfPresent(model, "periodStart", MailFormats.date(news.periodStart(), locale));
        putIfPresent(model, "periodEnd", MailFormats.date(news.periodEnd(), locale));
        return renderer.render(templateOf(eventType), locale, model);
    }

    private static void putIfPresent(Map<String, Object> model, String key, Object value) {
        if (value != null) {
            model.put(key, value);
        }
    }
}
