package dev.tollgate.notification.billing;

import java.time.Instant;
import java.util.List;

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
 * Mails the payment events billing publishes, in the account's language. Each event id is derived
 * by billing from the invoice and attempt, so a Stripe event applied twice reaches us as the same
 * id and the inbox drops it: one mail per invoice attempt.
 */
@Component
class BillingMailer implements EventConsumer {

    static final String CONSUMER = "notification-service.billing-events";
    static final List<String> PAYMENT_EVENTS = List.of(BillingMessages.SUCCEEDED_EVENT, BillingMessages.FAILED_EVENT,
            BillingMessages.ACTION_REQUIRED_EVENT);

    private final JsonMapper json;
    private final Mailer mailer;
    private final BillingMessages messages;
    private final AccountLanguages languages;

    private final PurchaseMailer purchases;

    BillingMailer(JsonMapper json, Mailer mailer, BillingMessages messages, AccountLanguages languages,
            PurchaseMailer purchases) {
        this.purchases = purchases;
        this.json = json;
        this.mailer = mailer;
        this.messages = messages;
        this.languages = languages;
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.BILLING).on(PAYMENT_EVENTS, this::mailFor)
                .on(PurchaseMailer.TYPE, purchases::mailFor);
    }

    void mailFor(EventEnvelope envelope) {
        PaymentNews news = envelope.dataAs(PaymentNews.class, json);
        if (!Ids.isAccountId(news.accountId()) || news.currency() == null) {
            throw new MalformedEventException("event " + envelope.id() + " (" + envelope.type() + ") lacks a valid account id or"
                    + " its currency");
        }
        mailer.learnAddress(news.accountId(), news.customerEmail());
        String template = BillingMessages.templateOf(envelope.type());
        mailer.write(news.accountId(), envelope.id(), news.customerEmail(), template,
                messages.render(envelope.type(), news, languages.localeOf(news.accountId())));
    }

    /** Our read model of {@code billing.payment_succeeded|payment_failed|payment_action_required.v1}. */
    record PaymentNews(String accountId, Instant occurredAt, String invoiceId, String invoiceNumber, Long amountMinor,
            Long amountDueMinor, String currency, Integer attemptCount, Instant nextPaymentAttempt, Instant periodStart,
            Instant periodEnd, String hostedInvoiceUrl, String invoicePdf, String customerEmail) {
    }
}
