package dev.tollgate.ticket;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.ServiceApi;
import dev.tollgate.platform.test.TestKafka;

/** Calls ticket-service's API as the gateway would, signing identity tokens with the local profile's key at a given clock. */
public final class TicketApi extends ServiceApi {

    public TicketApi(int port, Clock clock) {
        super(port, TicketApplication.CONFIG_NAME, clock);
    }

    public TicketApi(int port) {
        this(port, Clock.systemUTC());
    }

    public static CallerIdentity customer(String account) {
        return new CallerIdentity("user_" + account, account, null, List.of("owner"));
    }

    public static CallerIdentity agent(String name) {
        return new CallerIdentity(name, "acct_support", null, List.of("support_agent"));
    }

    public HttpResponse<String> create(CallerIdentity caller, String priority) {
        return post(caller, "/api/tickets", """
                {"subject":"How do I create a shared agent?","description":"I want to share an agent with my team",
                 "category":"use-case","priority":"%s"}""".formatted(priority));
    }

    /** Publishes a {@code subscription.<transition>.v1} as subscription-service would. */
    public static void sendSubscription(String account, long version, String planId, String status, Instant currentPeriodEnd) {
        sendSubscription(account, version, planId, status, null, currentPeriodEnd);
    }

    /** A subscription event as subscription-service publishes it; {@code currentPeriodStart} may be null (older events). */
    public static void sendSubscription(String account, long version, String planId, String status, Instant currentPeriodStart,
            Instant currentPeriodEnd) {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.now();
        String body = """
                {"transition":"ACTIVATED","eventId":"%s","accountId":"%s","occurredAt":"%s","version":%d,"subscriptionId":"sub_%s",
                 "planId":"%s","status":"%s","billingInterval":"month","trialEnd":null,"currentPeriodStart":%s,"currentPeriodEnd":"%s",
                 "cancelAtPeriodEnd":false,"amountMinor":2000,"currency":"usd","email":"t@example.com"}"""
                .formatted(id, account, at, version, account, planId, status,
                        currentPeriodStart == null ? "null" : "\"" + currentPeriodStart + "\"", currentPeriodEnd);
        TestKafka.send(Topics.SUBSCRIPTION, account, body, CloudEventHeaders.of(id, "/tollgate/subscription-service",
                "subscription.activated.v1", at, account));
    }

    /** The features entitlement-service grants with a ticket allowance of {@code limit}. */
    public static String ticketFeatures(long limit) {
        return "{\"priority_support_tickets\":{\"limit\":" + limit + ",\"period\":\"month\"}}";
    }
}
