package dev.tollgate.notification.subscription;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.tollgate.notification.catalog.ProductNames;
import dev.tollgate.notification.language.AccountLanguages;
import dev.tollgate.notification.mail.MailSettings;
import dev.tollgate.notification.mail.Mailer;
import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.Ids;
import tools.jackson.databind.json.JsonMapper;

@Component
class SubscriptionMailer implements EventConsumer {

    static final String CONSUMER = "notification-service.subscription-events";
    static final List<String> LIFECYCLE_EVENTS = List.of("subscription.trial_started.v1", "subscription.activated.v1",
            "subscription.plan_changed.v1", "subscription.past_due.v1", "subscription.paused.v1", "subscription.canceled.v1",
            "subscription.recovered.v1", "subscription.trial_expiring.v1", "subscription.trial_expired.v1");

    private static final Logger log = LoggerFactory.getLogger(SubscriptionMailer.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final JsonMapper json;
    private final Mailer mailer;
    private final MailSettings settings;
    private final SubscriptionMessages messages;
    private final AccountLanguages languages;
    private final ProductNames plans;

    SubscriptionMailer(JsonMapper json, Mailer mailer, MailSettings settings, SubscriptionMessages messages,
            AccountLanguages languages, ProductNames plans) {
        this.plans = plans;
        this.json = json;
        this.mailer = mailer;
        this.settings = settings;
        this.messages = messages;
        this.languages = languages;
    }

    /** Every lifecycle event may carry the account's address; only some of them send a mail. */
    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.SUBSCRIPTION).on(LIFECYCLE_EVENTS, this::mailFor);
    }

    /**
     * What one subscription event means for the account's mail, in the consumer's transaction:
     * the address it carries is remembered (and released to mails that waited for one), and the
     * mail it deserves is written for the relay to send after commit.
     */
    void mailFor(EventEnvelope envelope) {
        SubscriptionNews news = envelope.dataAs(SubscriptionNews.class, json);
        if (!Ids.isAccountId(news.accountId())) {
            throw new MalformedEventException("event " + envelope.id() + " (" + envelope.type() + ") has no valid account id: "
                    + Ids.ACCOUNT_ID_FORMAT);
        }
        mailer.learnAddress(news.accountId(), news.email());
        switch (envelope.type()) {
            case "subscription.trial_started.v1" -> trialStarted(envelope.id(), news);
            case "subscription.activated.v1" -> activated(envelope.id(), news);
            case "subscription.recovered.v1" -> localized(envelope.id(), news, SubscriptionMessages.RECOVERED);
            case "subscription.trial_expiring.v1" -> localized(envelope.id(), news, SubscriptionMessages.TRIAL_EXPIRING);
            case "subscription.trial_expired.v1" -> localized(envelope.id(), news, SubscriptionMessages.TRIAL_EXPIRED);
            default -> log.debug("No e-mail for {}", envelope.type());
        }
    }

    private void trialStarted(String eventId, SubscriptionNews news) {
        long trialDays = news.trialEnd() == null ? 14 : Math.max(1, (Duration.between(news.occurredAt(), news.trialEnd()).toHours() + 12) / 24);
        mailer.write(news.accountId(), eventId, news.email(),
                "Welcome to " + settings.brand() + " - Your " + trialDays + "-day trial has started! \uD83C\uDF89",
                "trial-started", Map.of("brand", settings.brand(), "appUrl", settings.appUrl(), "trialDays", trialDays,
                        "trialEndDate", news.trialEnd() == null ? "the end of your trial" : DATE.format(news.trialEnd())));
    }

    private void localized(String eventId, SubscriptionNews news, String template) {
        if (SubscriptionMessages.TRIAL_EXPIRING.equals(template) && (news.daysLeft() == null || news.daysLeft() < 1)) {
            throw new MalformedEventException("event " + eventId + " (subscription.trial_expiring.v1) has no daysLeft");
        }
        mailer.write(news.accountId(), eventId, news.email(), template,
                messages.render(template, news, plans.nameOf(news.planId()).orElse(null), languages.localeOf(news.accountId())));
    }

    /**
     * The welcome to the paid plan, for the account's first activation only: a recovery from past due
     * is published as {@code recovered} then {@code activated} (not first), and hears only the
     * recovery mail. An event written before {@code firstActivation} existed carries none and is
     * treated as before (a welcome).
     */
    private void activated(String eventId, SubscriptionNews news) {
        if (Boolean.FALSE.equals(news.firstActivation())) {
            log.debug("No welcome mail for event {}: account {} was active before", eventId, news.accountId());
            return;
        }
        mailer.write(news.accountId(), eventId, news.email(),
                "Welcome to Community Edition! Your subscription is active \u2705", "subscription-activated",
                Map.of("brand", settings.brand(), "appUrl", settings.appUrl(),
                        "periodEnd", news.currentPeriodEnd() == null ? "" : DATE.format(news.currentPeriodEnd())));
    }

    /** Our read model of the subscription lifecycle events. */
    record SubscriptionNews(String accountId, Instant occurredAt, String planId, Instant trialEnd, Instant currentPeriodEnd,
            String email, Integer daysLeft, Boolean firstActivation, Long amountMinor, String currency,
            String billingInterval) {
    }
}
