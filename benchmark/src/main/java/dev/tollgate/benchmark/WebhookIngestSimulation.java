package dev.tollgate.benchmark;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Signed Stripe webhooks into the gateway, each a new event of one of {@code bench.accounts} accounts
 * ({@code <bench.prefix>-<n>}), every one answered 200 only after the broker acknowledged it: what
 * Stripe's delivery of a burst costs the gateway. Each event moves its subscription's period a second
 * on, so billing has real work behind the figure rather than duplicates to drop.
 */
public class WebhookIngestSimulation extends Simulation {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    {
        String secret = System.getProperty("bench.webhook-secret");
        String prefix = System.getProperty("bench.prefix", "acct_ingest");
        int accounts = Integer.getInteger("bench.accounts", 100);
        long start = System.currentTimeMillis() / 1000;

        ChainBuilder sign = exec(session -> {
            long n = SEQUENCE.incrementAndGet();
            String payload = StripeWebhooks.event("evt_" + UUID.randomUUID().toString().replace("-", ""),
                    "customer.subscription.updated", prefix + "_" + (n % accounts), "active", start + n, start + n + 2_592_000);
            return session.set("payload", payload)
                    .set("signature", StripeWebhooks.signature(secret, System.currentTimeMillis() / 1000, payload));
        });
        ChainBuilder post = exec(sign).exec(http("webhook").post("/webhooks/stripe").header("Content-Type", "application/json")
                .header("Stripe-Signature", "#{signature}").body(StringBody("#{payload}")).check(status().is(200)));
        setUp(LoadShape.fromSystemProperties().populate("webhook", exec(session -> session), post))
                .protocols(http.baseUrl(System.getProperty("bench.base")).shareConnections());
    }
}
