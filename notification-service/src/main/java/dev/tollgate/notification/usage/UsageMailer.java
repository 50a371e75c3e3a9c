package dev.tollgate.notification.usage;

import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.tollgate.notification.language.AccountLanguages;
import dev.tollgate.notification.mail.Mailer;
import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.Ids;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mails {@code entitlements.usage_threshold_reached.v1} (published once per account, feature,
 * threshold and period) to the account's last known address: the event carries none.
 */
@Component
class UsageMailer implements EventConsumer {

    static final String CONSUMER = "notification-service.entitlement-events";
    static final String TYPE = "entitlements.usage_threshold_reached.v1";
    static final String QUOTA_EXCEEDED_TYPE = "entitlements.quota_exceeded.v1";

    private final JsonMapper json;
    private final Mailer mailer;
    private final UsageMessages messages;
    private final AccountLanguages languages;

    UsageMailer(JsonMapper json, Mailer mailer, UsageMessages messages, AccountLanguages languages) {
        this.json = json;
        this.mailer = mailer;
        this.messages = messages;
        this.languages = languages;
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.ENTITLEMENT).on(TYPE, this::mailFor)
                .on(QUOTA_EXCEEDED_TYPE, this::quotaExceeded);
    }

    void mailFor(EventEnvelope envelope) {
        ThresholdReached news = envelope.dataAs(ThresholdReached.class, json);
        if (!Ids.isAccountId(news.accountId()) || news.feature() == null || news.threshold() == null || news.limit() == null
                || news.used() == null) {
            throw new MalformedEventException("event " + envelope.id() + " (" + TYPE + ") lacks its account, feature, threshold,"
                    + " limit or usage");
        }
        mailer.write(news.accountId(), envelope.id(), null, UsageMessages.TEMPLATE,
                messages.render(news, languages.localeOf(news.accountId())));
    }

    /** A refused request beyond the limit: once per account, feature and period (entitlement-service's promise). */
    void quotaExceeded(EventEnvelope envelope) {
        ThresholdReached news = envelope.dataAs(ThresholdReached.class, json);
        if (!Ids.isAccountId(news.accountId()) || news.feature() == null || news.limit() == null || news.used() == null) {
            throw new MalformedEventException("event " + envelope.id() + " (" + QUOTA_EXCEEDED_TYPE + ") lacks its account,"
                    + " feature, limit or usage");
        }
        mailer.write(news.accountId(), envelope.id(), null, UsageMessages.QUOTA_EXCEEDED,
                messages.renderExceeded(news, languages.localeOf(news.accountId())));
    }

    /** Our read model of {@code entitlements.usage_threshold_reached.v1} and {@code entitlements.quota_exceeded.v1}. */
    record ThresholdReached(String accountId, Instant occurredAt, String feature, Integer threshold, Long limit, Long used,
            Instant resetsAt, Long requested) {
    }
}
