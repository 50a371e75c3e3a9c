package dev.tollgate.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bearer tokens from the local run's development issuer, and what an account sees through the gateway. */
final class Accounts {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String gateway;

    Accounts(String gateway) {
        this.gateway = gateway;
    }

    String token(String account) {
        String body = """
                {"userId":"user_%s","accountId":"%s","email":"owner@%s.example.com","roles":["owner"],"ttlMinutes":600}"""
                .formatted(account, account, account);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/dev/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return JSON.readTree(send(request)).path("token").asString();
    }

    /** {@code GET /api/entitlements/me}; its {@code subscriptionStatus} is null until a grant arrived. */
    JsonNode entitlements(String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/entitlements/me"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
        return JSON.readTree(send(request));
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
