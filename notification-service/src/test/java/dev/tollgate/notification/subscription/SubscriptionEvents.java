package dev.tollgate.notification.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.TestKafka;

/** Publishes subscription lifecycle events onto the embedded broker the way subscription-service does. */
public final class SubscriptionEvents {

    public static final String TRIAL_STARTED = "subscription.trial_started.v1";
    public static final String ACTIVATED = "subscription.activated.v1";
    public static final String PAST_DUE = "subscription.past_due.v1";

    private SubscriptionEvents() {
    }

    /** Publishes a new event of {@code type} for the account, {@code email} null meaning the event carries none; returns its id. */
    public static String publish(String type, String accountId, String email) {
        String id = UUID.randomUUID().toString();
        publish(id, type, accountId, email);
        return id;
    }

    /** Publishes (again) the event {@code id}, as a redelivery would. */
    public static void publish(String id, String type, String accountId, String email) {
        Instant now = Instant.now();
        String transition = type.substring("subscription.".length(), type.lastIndexOf('.')).toUpperCase();
        String body = """
                {"transition":"%s","eventId":"%s","accountId":"%s","occurredAt":"%s","subscriptionId":"sub_%s",
                 "planId":"community","status":"trialing","billingInterval":"month","trialEnd":"%s","currentPeriodEnd":"%s",
                 "cancelAtPeriodEnd":false,"amountMinor":2000,"currency":"usd","email":%s}"""
                .formatted(transition, id, accountId, now, accountId, now.plus(Duration.ofDays(14)),
                        now.plus(Duration.ofDays(14)), email == null ? "null" : "\"" + email + "\"");
        TestKafka.send(Topics.SUBSCRIPTION, accountId, body,
                CloudEventHeaders.of(id, "/tollgate/subscription-service", type, now, accountId));
    }
}
