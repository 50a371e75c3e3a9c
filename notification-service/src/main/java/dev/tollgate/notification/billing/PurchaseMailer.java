package dev.tollgate.notification.billing;

import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.tollgate.notification.catalog.ProductNames;
import dev.tollgate.notification.language.AccountLanguages;
import dev.tollgate.notification.mail.Mailer;
import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.identity.Ids;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mails {@code billing.one_time_purchase_completed.v1}: one per line item of a paid checkout (its id
 * derived by billing from the session and price, so a webhook applied twice is dropped by the inbox).
 * Called by {@link BillingMailer}'s consumer, so the billing topic is read by one consumer group.
 */
@Component
class PurchaseMailer {

    static final String TYPE = "billing.one_time_purchase_completed.v1";

    private final JsonMapper json;
    private final Mailer mailer;
    private final PurchaseMessages messages;
    private final AccountLanguages languages;
    private final ProductNames catalog;

    PurchaseMailer(JsonMapper json, Mailer mailer, PurchaseMessages messages, AccountLanguages languages, ProductNames catalog) {
        this.json = json;
        this.mailer = mailer;
        this.messages = messages;
        this.languages = languages;
        this.catalog = catalog;
    }

    void mailFor(EventEnvelope envelope) {
        PurchaseNews news = envelope.dataAs(PurchaseNews.class, json);
        if (!Ids.isAccountId(news.accountId()) || news.productId() == null || news.currency() == null) {
            throw new MalformedEventException("event " + envelope.id() + " (" + TYPE + ") lacks its account, product or currency");
        }
        mailer.learnAddress(news.accountId(), news.customerEmail());
        mailer.write(news.accountId(), envelope.id(), news.customerEmail(), PurchaseMessages.templateOf(news.productId()),
                messages.render(news, catalog::product, languages.localeOf(news.accountId())));
    }

    /** Our read model of {@code billing.one_time_purchase_completed.v1}. */
    record PurchaseNews(String accountId, Instant occurredAt, String productId, Long quantity, Long amountMinor, String currency,
            String invoiceId, String customerEmail) {
    }
}
