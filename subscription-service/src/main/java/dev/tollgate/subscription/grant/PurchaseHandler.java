package dev.tollgate.subscription.grant;

import java.time.Instant;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.MalformedEventException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Handles billing's completed one-time purchases (those of a product that includes a plan become grants),
 * through the service's one consumer of billing's topic ({@code billing.BillingEventsListener}), in its inbox
 * transaction: one consumer group per topic, so a poison record is dead-lettered once, not once per feature.
 */
@Component
public class PurchaseHandler {

    public static final String TYPE = "billing.one_time_purchase_completed.v1";

    private final JsonMapper json;
    private final PlanGrants grants;

    PurchaseHandler(JsonMapper json, PlanGrants grants) {
        this.json = json;
        this.grants = grants;
    }

    public void handle(EventEnvelope envelope) {
        grants.record(envelope.dataAs(Purchase.class, json).validated());
    }

    /** Our read model of billing.one_time_purchase_completed.v1. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Purchase(String accountId, Instant occurredAt, String checkoutSessionId, String productId, String priceId,
            String lookupKey, long amountMinor, String currency, String customerEmail) {

        Purchase validated() {
            if (accountId == null || occurredAt == null || productId == null || priceId == null || currency == null) {
                throw new MalformedEventException("billing.one_time_purchase_completed.v1 without accountId, occurredAt, "
                        + "productId, priceId or currency");
            }
            return this;
        }

        /** The checkout session when billing names it, else the price alone (one purchase line per session and price). */
        String sessionKey() {
            return checkoutSessionId == null ? "none" : checkoutSessionId;
        }

        /**
         * Which half of a split payment this is: {@code deposit}, {@code second}, or null for a full payment.
         * The catalog tells the options apart only by their lookup keys ({@code price_build_sprint_deposit},
         * {@code price_build_sprint_second}); the price id may be Stripe's generated one.
         */
        String half() {
            String key = lookupKey != null ? lookupKey : priceId;
            return key.endsWith("_deposit") ? "deposit" : key.endsWith("_second") ? "second" : null;
        }
    }
}
