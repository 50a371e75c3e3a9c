package dev.tollgate.notification.subscription;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.tollgate.notification.catalog.ProductNames;
import dev.tollgate.notification.language.AccountLanguages;
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

    private final JsonMapper json;
    private final Mailer mailer;
    private final SubscriptionMessages messages;
    private final AccountLanguages languages;
    private final ProductNames plans;

    SubscriptionMailer(JsonMapper json, Mailer mailer, SubscriptionMessages messages,
            AccountLanguages languages, ProductNames plans) {
        this.plans = plans;
        this.json = json;
        this.mailer = mailer;
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
            case "subscription.trial_started.v1" -> localized(envelope.id(), news, SubscriptionMessages.TRIAL_STARTED);
            case "subscription.activated.v1" -> activated(envelope.id(), news);
            case "subscription.recovered.v1" -> localized(envelope.id(), news, SubscriptionMessages.RECOVERED);
            case "subscription.trial_expiring.v1" -> localized(envelope.id(), news, SubscriptionMessages.TRIAL_EXPIRING);
            case "subscription.trial_expired.v1" -> localized(envelope.id(), news, SubscriptionMessages.TRIAL_EXPIRED);
            case "subscription.plan_changed.v1" -> localized(envelope.id(), news, SubscriptionMessages.PLAN_CHANGED);
            case "subscription.canceled.v1" -> canceled(envelope.id(), news);
            default -> log.debug("No e-mail for {}", envelope.type());
        }
    }

    private void localized(String eventId, SubscriptionNews news, String template) {
        if (SubscriptionMessages.TRIAL_EXPIRING.equals(template) && (news.daysLeft() == null || news.daysLeft() < 1)) {
            throw new MalformedEventException("event " + eventId + " (subscription.trial_expiring.v1) has no daysLeft");
        }
        mailer.write(news.accountId(), eventId, news.email(), template,
                messages.render(template, news, plans::product, languages.localeOf(news.accountId())));
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
        localized(eventId, news, SubscriptionMessages.ACTIVATED);
    }

    /**
     * The customer's own cancellation. An expired trial ({@code reason} {@code trial_expired}) is
     * published as {@code trial_expired} then {@code canceled} and has heard the expiry mail; an
     * operator's suspension is not announced as a cancellation.
     */
    private void canceled(String eventId, SubscriptionNews news) {
        if (news.reason() != null && !"canceled".equals(news.reason())) {
            log.debug("No cancellation mail for event {}: reason {}", eventId, news.reason());
            return;
        }
        localized(eventId, news, SubscriptionMessages.CANCELED);
    }

    /** Our read model of the subscription lifecycle events. */
    record SubscriptionNews(String accountId, Instant occurredAt, String planId, Instant trialEnd, Instant currentPeriodEnd,
            String email, Integer daysLeft, Boolean firstActivation, Long amountMinor, String currency,
            String billingInterval, Instant trialStart, String fromPlanId, String toPlanId, String direction, String reason) {
    }
}
