package dev.tollgate.stripe.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers events to the webhook endpoint from one background thread, in the order they happened,
 * each signed as Stripe signs ({@code Stripe-Signature: t=<now>,v1=<hex HMAC-SHA256 of "t.payload">},
 * re-signed on every attempt). A non-2xx answer or no answer is retried with doubling backoff (1 s up to
 * 60 s), like Stripe's retries but faster; an event is never dropped, and later ones wait behind it, so
 * the receiver sees Stripe's order. Without an endpoint yet, events wait for one (and stay readable at {@code /v1/events}).
 */
final class WebhookSender implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebhookSender.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private volatile URI endpoint;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LinkedBlockingDeque<ObjectNode> queue = new LinkedBlockingDeque<>();
    private final AtomicLong delivered = new AtomicLong();
    private final Thread worker;
    private volatile boolean running = true;
    private volatile boolean inFlight;

    WebhookSender(URI endpoint, String secret) {
        this.endpoint = endpoint;
        this.secret = secret;
        this.worker = Thread.ofPlatform().daemon().name("stripe-emulator-webhooks").start(this::deliverAll);
    }

    /** Events wait (in order) while there is no endpoint yet; see {@link #deliverTo}. */
    void enqueue(ObjectNode event) {
        queue.add(event);
    }

    /** Where events go from now on, e.g. a gateway started after the emulator on a port only known then. */
    void deliverTo(URI endpoint) {
        this.endpoint = endpoint;
    }

    long delivered() {
        return delivered.get();
    }

    /** Events waiting for delivery, the one being retried included. */
    int pending() {
        return queue.size() + (inFlight ? 1 : 0);
    }

    static String signature(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + timestamp + ",v1="
                    + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void deliverAll() {
        while (running) {
            ObjectNode event;
            try {
                if (endpoint == null) {
                    Thread.sleep(200);
                    continue;
                }
                event = queue.takeFirst();
                inFlight = true;
            } catch (InterruptedException e) {
                return;
            }
            String payload = JSON.writeValueAsString(event);
            long backoffMillis = 1000;
            while (running) {
                String outcome;
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json; charset=utf-8")
                            .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks) tollgate-stripe-emulator")
                            .header("Stripe-Signature", signature(payload, secret, Instant.now().getEpochSecond()))
                            .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() / 100 == 2) {
                        delivered.incrementAndGet();
                        inFlight = false;
                        break;
                    }
                    outcome = "answered " + response.statusCode() + ": " + response.body();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    outcome = "failed: " + e;
                }
                LOG.log(System.Logger.Level.WARNING, "Webhook {0} ({1}) to {2} {3}; retrying in {4} ms",
                        event.path("id").asString(), event.path("type").asString(), endpoint, outcome, backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException e) {
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 60_000);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
    }
}
