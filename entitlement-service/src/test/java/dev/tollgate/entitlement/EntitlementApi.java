package dev.tollgate.entitlement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.IdentityHeaders;
import dev.tollgate.platform.identity.InternalTokenIssuer;
import dev.tollgate.platform.secrets.RequiredSecretsEnvironmentPostProcessor;
import dev.tollgate.platform.test.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls entitlement-service's API as the gateway would, signing identity tokens at the service's (controllable) clock. */
public final class EntitlementApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(32))
            .build();

    private final int port;
    private final InternalTokenIssuer issuer;

    public EntitlementApi(int port, Clock clock) {
        this.port = port;
        this.issuer = InternalTokenIssuer.fromJwk(RequiredSecretsEnvironmentPostProcessor.developmentValues()
                .get("tollgate.gateway.internal-identity.signing-key"), Duration.ofSeconds(60), clock, "the local signing key");
    }

    public static CallerIdentity customer(String account) {
        return new CallerIdentity("user_" + account, account, null, List.of("owner"));
    }

    /** The customer's backend that reports measured gauges (seats, storage) for the account. */
    public static CallerIdentity usageReporter(CallerIdentity customer) {
        return new CallerIdentity("svc_" + customer.accountId(), customer.accountId(), null, List.of("usage_reporter"));
    }

    public HttpResponse<String> get(CallerIdentity caller, String path) {
        return send(caller, HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> post(CallerIdentity caller, String path, String json) {
        return send(caller, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(CallerIdentity caller, String path, String json) {
        return send(caller, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
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

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(CallerIdentity caller, HttpRequest.Builder request) {
        request.header(IdentityHeaders.IDENTITY, issuer.tokenFor(caller, EntitlementApplication.CONFIG_NAME));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
