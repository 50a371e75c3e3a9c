package dev.tollgate.entitlement;

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
import tools.jackson.databind.JsonNode;

/** Calls entitlement-service's API as the gateway would, signing identity tokens at the service's (controllable) clock. */
public final class EntitlementApi extends ServiceApi {

    public EntitlementApi(int port, Clock clock) {
        super(port, EntitlementApplication.CONFIG_NAME, clock);
    }

    public static CallerIdentity customer(String account) {
        return new CallerIdentity("user_" + account, account, null, List.of("owner"));
    }

    /** The customer's backend that reports measured gauges (seats, storage) for the account. */
    public static CallerIdentity usageReporter(CallerIdentity customer) {
        return new CallerIdentity("svc_" + customer.accountId(), customer.accountId(), null, List.of("usage_reporter"));
    }

    public HttpResponse<String> consume(CallerIdentity caller, String feature, long amount, String idempotencyKey) {
        return post(caller, "/api/entitlements/me/" + feature + "/consume", idempotencyKey == null
                ? "{\"amount\":%d}".formatted(amount) : "{\"amount\":%d,\"idempotencyKey\":\"%s\"}".formatted(amount, idempotencyKey));
    }

    public HttpResponse<String> reserve(CallerIdentity caller, String feature, long amount, long expiresInSeconds) {
        return post(caller, "/api/entitlements/me/" + feature + "/reservations",
                "{\"amount\":%d,\"expiresInSeconds\":%d}".formatted(amount, expiresInSeconds));
    }

    /** The meter of a feature as GET /api/entitlements/me reports it. */
    public JsonNode usage(CallerIdentity caller, String feature) {
        return json(get(caller, "/api/entitlements/me")).path("usage").path(feature);
    }

    /**
     * Publishes a {@code subscription.activated.v1} as subscription-service would, with the billing
     * period ending at {@code currentPeriodEnd}; returns its event id.
     */
    public static String sendSubscription(String account, long version, String planId, String status, Instant currentPeriodEnd,
            String addOnsJson) {
        return sendSubscription("activated", account, version, planId, status, currentPeriodEnd, addOnsJson);
    }

    /** The same as a {@code subscription.<transition>.v1}, e.g. one added after this service was written. */
    public static String sendSubscription(String transition, String account, long version, String planId, String status,
            Instant currentPeriodEnd, String addOnsJson) {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.now();
        String body = """
                {"transition":"%s","eventId":"%s","accountId":"%s","occurredAt":"%s","version":%d,"subscriptionId":"sub_%s",
                 "planId":"%s","status":"%s","billingInterval":"month","trialEnd":null,"currentPeriodEnd":%s,
                 "cancelAtPeriodEnd":false,"amountMinor":2000,"currency":"usd","email":"t@example.com"%s}"""
                .formatted(transition.toUpperCase(), id, account, at, version, account, planId, status,
                        currentPeriodEnd == null ? "null" : "\"" + currentPeriodEnd + "\"",
                        addOnsJson == null ? "" : ",\"addOns\":" + addOnsJson);
        TestKafka.send(Topics.SUBSCRIPTION, account, body, CloudEventHeaders.of(id, "/tollgate/subscription-service",
                "subscription." + transition + ".v1", at, account));
        return id;
    }
}
