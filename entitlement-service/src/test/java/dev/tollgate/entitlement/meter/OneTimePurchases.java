package dev.tollgate.entitlement.meter;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.TestKafka;

/** A {@code billing.one_time_purchase_completed.v1} with the fields entitlement-service reads (docs/events.md). */
final class OneTimePurchases {

    private OneTimePurchases() {
    }

    static String send(String account, String productId, long quantity) {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.now();
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s","productId":"%s","quantity":%d,"amountMinor":4900,"currency":"eur"}"""
                .formatted(id, account, at, productId, quantity);
        TestKafka.send(Topics.BILLING, account, body, CloudEventHeaders.of(id, "/tollgate/billing-service",
                "billing.one_time_purchase_completed.v1", at, account));
        return id;
    }
}
