package dev.tollgate.notification.billing;

import java.text.NumberFormat;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import dev.tollgate.notification.billing.PurchaseMailer.PurchaseNews;
import dev.tollgate.notification.catalog.CatalogProduct;
import dev.tollgate.notification.catalog.SampleCatalog;
import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.MailRenderer;
import dev.tollgate.notification.mail.MailSettings;
import dev.tollgate.notification.mail.MessageSamples;
import dev.tollgate.notification.mail.RenderedMail;

/**
 * The one-time purchase mails ({@code billing.one_time_purchase_completed.v1}): the Build Sprint's
 * confirmation and the token pack's receipt. The product's name, the sprint's length and the tokens
 * a pack holds come from the catalog's product and its metadata, never from the template.
 */
@Component
public class PurchaseMessages implements MessageSamples {

    static final String BUILD_SPRINT = "build-sprint-purchase";
    static final String TOKEN_PACK = "token-pack-receipt";

    private final MailRenderer renderer;
    private final MailSettings settings;

    public PurchaseMessages(MailRenderer renderer, MailSettings settings) {
        this.renderer = renderer;
        this.settings = settings;
    }

    /** The Build Sprint has its own confirmation; every other one-time product (token packs) gets the receipt. */
    static String templateOf(String productId) {
        return "build_sprint".equals(productId) ? BUILD_SPRINT : TOKEN_PACK;
    }

    RenderedMail render(PurchaseNews news, Function<String, Optional<CatalogProduct>> catalog, Locale locale) {
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        Optional<CatalogProduct> product = catalog.apply(news.productId());
        Map<String, String> metadata = product.map(CatalogProduct::metadata).orElse(Map.of());
        long quantity = news.quantity() == null || news.quantity() < 1 ? 1 : news.quantity();
        Map<String, Object> model = new HashMap<>();
        model.put("brand", settings.brand());
        model.put("appUrl", settings.appUrl());
        model.put("billingUrl", settings.appUrl() + "/billing");
        model.put("productName", product.map(CatalogProduct::name).orElse(news.productId()));
        model.put("amount", MailFormats.money(news.amountMinor() == null ? 0 : news.amountMinor(), news.currency(), locale));
        model.put("quantity", numbers.format(quantity));
        model.put("onePack", quantity == 1);
        if (news.occurredAt() != null) {
            model.put("purchasedOn", MailFormats.date(news.occurredAt(), locale));
        }
        if (news.invoiceId() != null) {
            model.put("invoiceId", news.invoiceId());
        }
        long tokens = parse(metadata.get("tokens_included"));
        if (tokens > 0) {
            model.put("tokens", numbers.format(tokens * quantity));
        }
        long weeks = parse(metadata.get("program_duration_weeks"));
        if (weeks > 0) {
            model.put("weeks", numbers.format(weeks));
        }
        long months = parse(metadata.get("included_plan_duration_months"));
        if (months > 0) {
            model.put("includedMonths", numbers.format(months));
        }
        return renderer.render(templateOf(news.productId()), locale, model);
    }

    private static long parse(String number) {
        try {
            return number == null ? 0 : Long.parseLong(number.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public List<String> templates() {
        return List.of(BUILD_SPRINT, TOKEN_PACK);
    }

    /** Samples: the Build Sprint's deposit (EUR 6,250.00) and two AI token packs (EUR 98.00). */
    @Override
    public RenderedMail sample(String template, Locale locale) {
        boolean sprint = BUILD_SPRINT.equals(template);
        PurchaseNews news = new PurchaseNews("acct_sample", Instant.parse("2026-12-06T10:00:00Z"),
                sprint ? "build_sprint" : "ai_tokens", sprint ? 1L : 2L, sprint ? 625_000L : 9_800L, "eur", "in_sample_1",
                "mia@example.com");
        return render(news, SampleCatalog::product, locale);
    }
}
