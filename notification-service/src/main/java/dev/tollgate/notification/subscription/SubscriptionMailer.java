package dev.tollgate.notification.subscription;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.tollgate.notification.mail.MailSettings;
import dev.tollgate.notification.mail.Mailer;
import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

@Component
class SubscriptionMailer implements EventConsumer {

    static final String CONSUMER = "notification-service.subscription-events";

    private static final Logger log = LoggerFactory.getLogger(SubscriptionMailer.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final JsonMapper json;
    private final Mailer mailer;
    private final MailSettings settings;

    SubscriptionMailer(JsonMapper json, Mailer mailer, MailSettings settings) {
        this.json = json;
        this.mailer = mailer;
        this.settings = settings;
    }

    /** Other lifecycle events send no e-mail; the platform skips them. */
    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.SUBSCRIPTION)
                .on("subscription.trial_started.v1", this::trialStarted)
                .on("subscription.activated.v1", this::activated);
    }

    private void trialStarted(EventEnvelope envelope) {
        SubscriptionNews news = envelope.dataAs(SubscriptionNews.class, json);
        if (!hasRecipient(news, envelope)) {
            return;
        }
        long trialDays = news.trialEnd() == null ? 14 : Math.max(1, (Duration.between(news.occurredAt(), news.trialEnd()).toHours() + 12) / 24);
        mailer.send(news.accountId(), envelope.id(), news.email(),
                "Welcome to " + settings.brand() + " - Your " + trialDays + "-day trial has started! \uD83C\uDF89",
                "trial-started", Map.of("brand", settings.brand(), "appUrl", settings.appUrl(), "trialDays", trialDays,
                        "trialEndDate", news.trialEnd() == null ? "the end of your trial" : DATE.format(news.trialEnd())));
    }

    private void activated(EventEnvelope envelope) {
        SubscriptionNews news = envelope.dataAs(SubscriptionNews.class, json);
        if (!hasRecipient(news, envelope)) {
            return;
        }
        mailer.send(news.accountId(), envelope.id(), news.email(),
                "Welcome to Community Edition! Your subscription is active \u2705", "subscription-activated",
                Map.of("brand", settings.brand(), "appUrl", settings.appUrl(),
                        "periodEnd", news.currentPeriodEnd() == null ? "" : DATE.format(news.currentPeriodEnd())));
    }

    private boolean hasRecipient(SubscriptionNews news, EventEnvelope envelope) {
        if (news.email() == null || news.email().isBlank()) {
            log.warn("Event {} ({}) for account {} has no e-mail address; nothing sent", envelope.id(), envelope.type(),
                    news.accountId());
            return false;
        }
        return true;
    }

    /** Our read model of the subscription lifecycle events. */
    record SubscriptionNews(String accountId, Instant occurredAt, String planId, Instant trialEnd, Instant currentPeriodEnd,
            String email) {
    }
}
