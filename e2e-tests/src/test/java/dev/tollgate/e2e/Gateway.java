package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tollgate.platform.test.StripeWebhooks;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's front door as the end-to-end classes use it: tokens from the gateway's development
 * issuer ({@code tollgate.gateway.jwt.dev-issuer-enabled}), API calls with them, and Stripe webhooks
 * signed as Stripe signs them. One place for what every class does, so each reads as its flow.
 */
final class Gateway {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String url;

    Gateway(String url) {
        this.url = url;
    }

    /** A caller as the development issuer takes one: user, account, email and roles. */
    static Map<String, Object> caller(String userId, String accountId, String email, String... roles) {
        return Map.of("userId", userId, "accountId", accountId, "email", email, "roles", List.of(roles));
    }

    /** A token the gateway issues for the caller. */
    String token(Map<String, Object> caller) {
        HttpResponse<String> minted = send(HttpRequest.newBuilder(URI.create(url + "/dev/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(caller))).build());
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
        return JSON.readTree(minted.body()).path("token").asString();
    }

    /** A request through the gateway as the caller, with a fresh token. */
    HttpResponse<String> call(Map<String, Object> caller, String method, String path, String jsonBody) {
        return call(token(caller), method, path, jsonBody);
    }

    /** A request through the gateway with the token; a JSON body unless {@code jsonBody} is null. */
    HttpResponse<String> call(String jwt, String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + jwt);
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return send(request.build());
    }

    /** A Stripe webhook signed now with {@code secret}, as the gateway answers it. */
    HttpResponse<String> webhook(String payload, String secret) {
        return send(HttpRequest.newBuilder(URI.create(url + "/webhooks/stripe"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", StripeWebhooks.signature(payload, secret, Instant.now().getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build());
    }

    /** A Stripe webhook signed with the platform's secret, which the gateway must accept. */
    void deliver(String payload) {
        HttpResponse<String> response = webhook(payload, TollgatePlatform.WEBHOOK_SECRET);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
