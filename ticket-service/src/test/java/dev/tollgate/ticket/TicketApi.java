package dev.tollgate.ticket;

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

/** Calls ticket-service's API as the gateway would, signing identity tokens with the local profile's key at a given clock. */
public final class TicketApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final InternalTokenIssuer issuer;

    public TicketApi(int port, Clock clock) {
        this.port = port;
        this.issuer = InternalTokenIssuer.fromJwk(RequiredSecretsEnvironmentPostProcessor.developmentValues()
                .get("tollgate.gateway.internal-identity.signing-key"), Duration.ofSeconds(60), clock, "the local signing key");
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

    public HttpResponse<String> get(CallerIdentity caller, String path) {
        return send(caller, HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> post(CallerIdentity caller, String path, String json) {
        return send(caller, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> create(CallerIdentity caller, String priority) {
        return post(caller, "/api/tickets", """
                {"subject":"How do I create a shared agent?","description":"I want to share an agent with my team",
                 "category":"use-case","priority":"%s"}""".formatted(priority));
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(CallerIdentity caller, HttpRequest.Builder request) {
        request.header(IdentityHeaders.IDENTITY, issuer.tokenFor(caller, TicketApplication.CONFIG_NAME));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
