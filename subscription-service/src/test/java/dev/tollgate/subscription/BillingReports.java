package dev.tollgate.subscription;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.TestKafka;

/** Sends billing.subscription.changed.v1 as billing publishes it. */
public final class BillingReports {

    private BillingReports() {
    }

    /**
     * Sends one report and returns its event id (for {@code Settled}).
     *
     * @param trialStart null for a subscription without a trial (then trialEnd is null too)
     */
    public static String send(String account, String subscription, String plan, String status, Instant at, Instant trialStart,
            Instant trialEnd, Instant periodEnd, String interval, long amountMinor, String currency) {
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s","stripeEventId":"evt_%s","stripeSubscriptionId":"%s",
                 "stripeCustomerId":"cus_%s","planId":"%s","priceId":"price_x","billingInterval":"%s","status":"%s",
                 "trialStart":%s,"trialEnd":%s,"currentPeriodEnd":"%s","cancelAtPeriodEnd":false,
                 "amountMinor":%d,"currency":"%s","customerEmail":"%s@billing.test"}"""
                .formatted(UUID.randomUUID(), account, at, UUID.randomUUID(), subscription, account, plan, interval, status,
                        quoted(trialStart), quoted(trialEnd), periodEnd, amountMinor, currency, account);
        String id = UUID.randomUUID().toString();
        TestKafka.send(Topics.BILLING, account, body, CloudEventHeaders.of(id, "/tollgate/billing-service",
                "billing.subscription.changed.v1", at, account));
        return id;
    }

    private static String quoted(Instant instant) {
        return instant == null ? "null" : "\"" + instant + "\"";
    }

    /**
     * Sends billing.one_time_purchase_completed.v1 as billing publishes it (one line of a paid checkout) and
     * returns its event id.
     *
     * @param lookupKey which option: {@code price_build_sprint_full}, {@code ..._deposit}, {@code ..._second}
     */
    public static String purchase(String account, String checkoutSession, String product, String lookupKey, long amountMinor,
            Instant at) {
        return purchase(UUID.randomUUID().toString(), account, checkoutSession, product, lookupKey, amountMinor, at);
    }

    /** The same with a given event id (a redelivery). */
    public static String purchase(String id, String account, String checkoutSession, String product, String lookupKey,
            long amountMinor, Instant at) {
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s","stripeEventId":"evt_%s","checkoutSessionId":"%s",
                 "stripeCustomerId":"cus_%s","productId":"%s","priceId":"%s","lookupKey":"%s","quantity":1,
                 "amountMinor":%d,"currency":"eur","paymentIntentId":"pi_%s","invoiceId":null,
                 "customerEmail":"%s@billing.test"}"""
                .formatted(id, account, at, UUID.randomUUID(), checkoutSession, account, product, lookupKey, lookupKey,
                        amountMinor, checkoutSession, account);
        TestKafka.send(Topics.BILLING, account, body, CloudEventHeaders.of(id, "/tollgate/billing-service",
                "billing.one_time_purchase_completed.v1", at, account));
        return id;
    }

    /** Sends billing.payment_succeeded.v1 (an invoice was paid) and returns its event id. */
    public static String paymentSucceeded(String account, String invoice, long amountMinor, String currency, Instant at) {
        String id = UUID.randomUUID().toString();
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s","stripeEventId":"evt_%s","invoiceId":"%s","invoiceNumber":"N-%s",
                 "stripeSubscriptionId":"sub_%s","stripeCustomerId":"cus_%s","amountMinor":%d,"currency":"%s",
                 "periodStart":"%s","periodEnd":"%s","billingReason":"subscription_cycle","customerEmail":"%s@billing.test"}"""
                .formatted(id, account, at, UUID.randomUUID(), invoice, invoice, account, account, amountMinor, currency, at, at,
                        account);
        TestKafka.send(Topics.BILLING, account, body, CloudEventHeaders.of(id, "/tollgate/billing-service",
                "billing.payment_succeeded.v1", at, account));
        return id;
    }

    /** Sends billing.payment_failed.v1 (one failed attempt of an invoice) and returns its event id. */
    public static String paymentFailed(String account, String invoice, int attempt, long amountDueMinor, String currency,
            Instant at) {
        String id = UUID.randomUUID().toString();
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s","stripeEventId":"evt_%s","invoiceId":"%s",
                 "stripeSubscriptionId":"sub_%s","stripeCustomerId":"cus_%s","amountDueMinor":%d,"currency":"%s",
                 "attemptCount":%d,"nextPaymentAttempt":null,"customerEmail":"%s@billing.test"}"""
                .formatted(id, account, at, UUID.randomUUID(), invoice, account, account, amountDueMinor, currency, attempt, account);
        TestKafka.send(Topics.BILLING, account, body, CloudEventHeaders.of(id, "/tollgate/billing-service",
                "billing.payment_failed.v1", at, account));
        return id;
    }
}
