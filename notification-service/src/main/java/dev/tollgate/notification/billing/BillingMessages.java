package dev.tollgate.notification.billing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.tollgate.notification.billing.BillingMailer.PaymentNews;
import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.MailRenderer;
import dev.tollgate.notification.mail.MailSettings;
import dev.tollgate.notification.mail.MessageSamples;
import dev.tollgate.notification.mail.RenderedMail;

/** The localized payment mails, rendered from the event's facts only (no database). */
@Component
public class BillingMessages implements MessageSamples {

    static final String SUCCEEDED_EVENT = "billing.payment_succeeded.v1";
    static final String FAILED_EVENT = "billing.payment_failed.v1";
    static final String ACTION_REQUIRED_EVENT = "billing.payment_action_required.v1";

    private final MailRenderer renderer;
    private final MailSettings settings;

    public BillingMessages(MailRenderer renderer, MailSettings settings) {
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

    @Override
    public List<String> templates() {
        return List.of("payment-succeeded", "payment-failed", "payment-action-required");
    }

    /** Samples: a monthly invoice of CLP 18,000 (Spanish) or USD 20.00 (English); a failure on the second attempt. */
    @Override
    public RenderedMail sample(String template, Locale locale) {
        boolean spanish = "es".equals(MailFormats.language(locale));
        String type = switch (template) {
            case "payment-succeeded" -> SUCCEEDED_EVENT;
            case "payment-failed" -> FAILED_EVENT;
            default -> ACTION_REQUIRED_EVENT;
        };
        long amount = spanish ? 18_000 : 2_000;
        PaymentNews news = new PaymentNews("acct_sample", Instant.parse("2026-12-06T10:00:00Z"), "in_sample_1", "A1B2-0001",
                amount, amount, spanish ? "clp" : "usd", 2, Instant.parse("2026-12-09T10:00:00Z"),
                Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2027-01-06T10:00:00Z"),
                "https://invoice.stripe.com/i/sample", "https://pay.stripe.com/invoice/sample/pdf", "mia@example.com");
        return render(type, news, locale);
    }

    private static void putIfPresent(Map<String, Object> model, String key, Object value) {
        if (value != null) {
            model.put(key, value);
        }
    }
}
