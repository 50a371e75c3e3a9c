package dev.tollgate.notification.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import dev.tollgate.notification.catalog.CatalogProduct;
import dev.tollgate.notification.catalog.SampleCatalog;
import dev.tollgate.notification.mail.FeatureNames;
import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.MailRenderer;
import dev.tollgate.notification.mail.MailSettings;
import dev.tollgate.notification.mail.MessageSamples;
import dev.tollgate.notification.mail.RenderedMail;
import dev.tollgate.notification.subscription.SubscriptionMailer.SubscriptionNews;

/**
 * The localized subscription mails, rendered from the event's facts and the catalog only (no
 * database): what the consumer writes, the admin preview shows and the tests read. Plan names and
 * what a plan includes come from the catalog (the caller looks them up); before any catalog arrived
 * the plan is named by the event's {@code planId}.
 */
@Component
public class SubscriptionMessages implements MessageSamples {

    static final String TRIAL_STARTED = "trial-started";
    static final String ACTIVATED = "subscription-activated";
    static final String RECOVERED = "subscription-recovered";
    static final String TRIAL_EXPIRING = "trial-expiring";
    static final String TRIAL_EXPIRED = "trial-expired";
    static final String PLAN_CHANGED = "plan-changed";
    static final String CANCELED = "subscription-canceled";

    private final MailRenderer renderer;
    private final MailSettings settings;

    public SubscriptionMessages(MailRenderer renderer, MailSettings settings) {
        this.renderer = renderer;
        this.settings = settings;
    }

    RenderedMail render(String template, SubscriptionNews news, String planName, Locale locale) {
        return render(template, news, id -> Optional.ofNullable(planName)
                .map(name -> new CatalogProduct(id, name, Map.of(), Map.of())), locale);
    }

    RenderedMail render(String template, SubscriptionNews news, Function<String, Optional<CatalogProduct>> catalog,
            Locale locale) {
        Map<String, Object> model = new HashMap<>();
        model.put("brand", settings.brand());
        model.put("appUrl", settings.appUrl());
        model.put("billingUrl", settings.appUrl() + "/billing");
        Optional<CatalogProduct> plan = catalog.apply(news.planId());
        model.put("planName", plan.map(CatalogProduct::name).orElse(news.planId() != null ? news.planId() : settings.brand()));
        // Absent facts stay out of the model, so a template's {{#fact}} section is left out rather than rendered empty.
        plan.map(product -> FeatureNames.lines(product.limits(), locale)).filter(lines -> !lines.isEmpty())
                .ifPresent(lines -> model.put("features", lines));
        if (news.currentPeriodEnd() != null) {
            model.put("periodEnd", MailFormats.date(news.currentPeriodEnd(), locale));
        }
        if (news.trialEnd() != null) {
            model.put("trialEnd", MailFormats.date(news.trialEnd(), locale));
            Instant start = news.trialStart() != null ? news.trialStart() : news.occurredAt();
            if (start != null) {
                model.put("trialDays", Math.max(1, (Duration.between(start, news.trialEnd()).toHours() + 12) / 24));
            }
        }
        if (news.amountMinor() != null && news.currency() != null) {
            model.put("price", MailFormats.money(news.amountMinor(), news.currency(), locale));
            model.put("yearly", "year".equals(news.billingInterval()));
        }
        if (news.daysLeft() != null) {
            model.put("daysLeft", news.daysLeft());
            model.put("oneDay", news.daysLeft() == 1);
        }
        if (news.fromPlanId() != null) {
            model.put("fromPlanName", catalog.apply(news.fromPlanId()).map(CatalogProduct::name).orElse(news.fromPlanId()));
        }
        model.put("toPlanName", catalog.apply(news.toPlanId() != null ? news.toPlanId() : news.planId())
                .map(CatalogProduct::name).orElse(String.valueOf(model.get("planName"))));
        model.put("upgrade", "upgrade".equals(news.direction()));
        model.put("downgrade", "downgrade".equals(news.direction()));
        return renderer.render(template, locale, model);
    }

    @Override
    public List<String> templates() {
        return List.of(TRIAL_STARTED, ACTIVATED, RECOVERED, TRIAL_EXPIRING, TRIAL_EXPIRED, PLAN_CHANGED, CANCELED);
    }

    /** Samples: a monthly Community Edition trial (CLP in Spanish, USD in English), 3 days left where it applies. */
    @Override
    public RenderedMail sample(String template, Locale locale) {
        boolean spanish = "es".equals(MailFormats.language(locale));
        boolean changed = PLAN_CHANGED.equals(template);
        SubscriptionNews news = new SubscriptionNews("acct_sample", Instant.parse("2026-11-25T10:00:00Z"),
                changed ? "professional" : "community", Instant.parse("2026-12-09T10:00:00Z"),
                Instant.parse("2027-01-09T10:00:00Z"), "mia@example.com", TRIAL_EXPIRING.equals(template) ? 3 : null,
                ACTIVATED.equals(template) ? Boolean.TRUE : null, spanish ? 18_000L : 2_000L, spanish ? "clp" : "usd", "month",
                Instant.parse("2026-11-25T10:00:00Z"), changed ? "starter" : null, changed ? "professional" : null,
                changed ? "upgrade" : null, CANCELED.equals(template) ? "canceled" : null);
        return render(template, news, SampleCatalog::product, locale);
    }
}
