package dev.tollgate.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a Stripe event takes to become what an account may do: from the webhook's 200 at the
 * gateway through billing, subscriptions and entitlements until {@code GET /api/entitlements/me}
 * shows it. Idle: one new account at a time on a quiet platform. Burst: many events of many accounts
 * at once, shuffled and partly duplicated as Stripe delivers them, until every account shows its
 * last event's state.
 */
final class Convergence {

    private static final long MONTH = 2_592_000;

    private final StripeWebhooks webhooks;
    private final Accounts accounts;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    Convergence(StripeWebhooks webhooks, Accounts accounts) {
        this.webhooks = webhooks;
        this.accounts = accounts;
    }

    /** Milliseconds from sending each of {@code samples} first events until its account's grant shows, sorted. */
    List<Double> idle(int samples) throws InterruptedException {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            String account = "acct_idle_" + run + "_" + i;
            String token = accounts.token(account);
            long created = System.currentTimeMillis() / 1000;
            long start = System.nanoTime();
            webhooks.sendAccepted(StripeWebhooks.event("evt_idle_" + run + "_" + i, "customer.subscription.created", account,
                    "trialing", created, created + 14 * 86_400));
            while (accounts.entitlements(token).path("subscriptionStatus").isNull()) {
                LockSupport.parkNanos(1_000_000); // a millisecond between reads: finer than the figure, light on the gateway
            }
            latencies.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(latencies);
        return latencies;
    }

    /**
     * Sends {@code perAccount} events for each of {@code accountCount} accounts (created, updates, then
     * deleted), plus a fifth as many duplicates, in one shuffled burst; answers the events a second
     * applied end to end (the events sent, duplicates excluded, over the time until all converged).
     */
    Burst burst(int accountCount, int perAccount, int inFlight) throws InterruptedException {
        Map<String, String> tokens = new HashMap<>();
        List<String> events = new ArrayList<>();
        long base = System.currentTimeMillis() / 1000 - perAccount;
        for (int a = 0; a < accountCount; a++) {
            String account = "acct_burst_" + run + "_" + a;
            tokens.put(account, accounts.token(account));
            for (int e = 0; e < perAccount; e++) {
                boolean first = e == 0;
                boolean last = e == perAccount - 1;
                String type = first ? "customer.subscription.created" : last ? "customer.subscription.deleted"
                        : "customer.subscription.updated";
                String status = first ? "trialing" : last ? "canceled" : e % 2 == 0 ? "past_due" : "active";
                events.add(StripeWebhooks.event("evt_" + UUID.randomUUID().toString().replace("-", ""), type, account, status,
                        base + e, base + e + MONTH));
            }
        }
        Random random = new Random(42);
        int unique = events.size();
        for (int d = 0; d < unique / 5; d++) {
            events.add(events.get(random.nextInt(unique)));
        }
        Collections.shuffle(events, random);

        Semaphore window = new Semaphore(inFlight);
        List<CompletableFuture<Integer>> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (String event : events) {
            window.acquire();
            sent.add(webhooks.send(event).whenComplete((status, error) -> window.release()));
        }
        long refused = sent.stream().map(CompletableFuture::join).filter(status -> status != 200).count();
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        Set<String> pending = new HashSet<>(tokens.keySet());
        while (!pending.isEmpty()) {
            pending.removeIf(account -> "canceled".equals(accounts.entitlements(tokens.get(account)).path("subscriptionStatus")
                    .asString(null)));
            LockSupport.parkNanos(20_000_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Burst(unique, events.size() - unique, accountCount, refused, sendSeconds, seconds);
    }

    /**
     * @param events distinct events sent; {@code duplicates} more were re-deliveries of some of them
     * @param refused answers other than 200 (Stripe would retry them; none expected)
     */
    record Burst(int events, int duplicates, int accounts, long refused, double sendSeconds, double convergedSeconds) {

        double eventsPerSecond() {
            return events / convergedSeconds;
        }
    }

    static double percentile(List<Double> sorted, double percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
