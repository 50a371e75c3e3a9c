package dev.tollgate.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed Stripe subscription events as Stripe sends them to the gateway: the Community Edition's
 * monthly price, one subscription per account ({@code sub_<account>}, customer {@code cus_<account>}).
 */
public final class StripeWebhooks {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String gateway;
    private final String secret;

    public StripeWebhooks(String gateway, String secret) {
        this.gateway = gateway;
        this.secret = secret;
    }

    /** A subscription event of {@code type} for {@code account}, Stripe's {@code created} in seconds. */
    public static String event(String eventId, String type, String account, String status, long created, long periodEnd) {
        return """
                {"id":"%s","object":"event","api_version":"2025-09-30.clover","created":%d,"livemode":false,"type":"%s",\
                "data":{"object":{"id":"sub_%s","object":"subscription","customer":"cus_%s","status":"%s","trial_start":%d,\
                "trial_end":%d,"cancel_at_period_end":false,"metadata":{"organization_id":"%s"},"items":{"object":"list",\
                "data":[{"id":"si_%s","object":"subscription_item","quantity":1,"current_period_start":%d,"current_period_end":%d,\
                "price":{"id":"price_community_monthly_usd","object":"price","currency":"usd","unit_amount":2000,\
                "recurring":{"interval":"month"}}}]}}}}"""
                .formatted(eventId, created, type, account, account, status, created, periodEnd, account, account, created,
                        periodEnd);
    }

    /** Stripe's {@code Stripe-Signature} header for {@code payload} signed at {@code timestamp} (seconds). */
    public static String signature(String secret, long timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public CompletableFuture<Integer> send(String payload) {
        long now = System.currentTimeMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/webhooks/stripe"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", signature(secret, now, payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    public void sendAccepted(String payload) {
        int status = send(payload).join();
        if (status != 200) {
            throw new IllegalStateException("the gateway answered " + status + " to a signed webhook");
        }
    }
}
