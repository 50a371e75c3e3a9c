package dev.tollgate.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One token bucket per account with Bucket4j (a well-kept library, exact integer arithmetic) holding both of
 * its plan's windows as bandwidths, so a call costs one consumption (one round trip) and a call either window
 * refuses spends nothing from the other. The buckets live in the gateway's PostgreSQL database through
 * Bucket4j's proxy manager ({@link RateLimitStore}), so every replica spends the same budget and a restart
 * forgets nothing. Each window refills its whole quota at its end.
 *
 * <p>A bucket's key names its quotas ({@code acct_1:60:5000}): a plan change reaches a new, full bucket
 * without any replica having to notice, and the old row expires. A quota of 0 refuses every call without a
 * bucket (Bucket4j needs a positive capacity); only that window is reported then.
 *
 * <p>Each key's proxy is kept (Caffeine), without Bucket4j's batching optimisation: a batched command for a bucket
 * whose row does not exist yet (first use, or deleted by the expiry job) fails with {@code BucketNotFoundException}
 * instead of creating it, which sent concurrent first calls to the per-replica fallback and let them overspend.
 * Concurrent calls of one account queue on the bucket's row lock instead, which keeps the limit exact.
 *
 * <p>While PostgreSQL cannot be reached (or its pool is exhausted) each replica limits on its own, with
 * in-memory Bucket4j buckets of the same plan limits, and does not ask the store again for
 * {@link #STORE_RETRY} so an outage costs no connection timeout per call.
 * {@code tollgate_gateway_rate_limit_unavailable_total} counts those calls and a warning is logged (at most
 * once a minute). N replicas then allow up to N times the plan for a while: rate limits share capacity
 * fairly and guard no data (every service checks the caller and its own quotas), so neither refusing the
 * whole API nor dropping every limit is the right answer to a store outage.
 */
@Component
public class AccountRateLimiter {

    /** One window's state after a request: its quota, what is left and when it fills up again. */
    public record Window(String name, long quota, Duration length, long remaining, Duration resetsIn) {
    }

    /**
     * The answer for one request: allowed or not, the windows to report (none when the call was not
     * counted), and how long to wait if refused.
     */
    public record Decision(boolean allowed, List<Window> windows, Duration retryAfter) {
    }

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration DAY = Duration.ofDays(1);
    static final Duration STORE_RETRY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(AccountRateLimiter.class);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final Duration IDLE_BUCKET = Duration.ofMinutes(10);
    private static final long MAX_BUCKETS = 100_000;

    private final PlanLimits plans;
    private final ProxyManager<String> store;
    private final MeterRegistry meters;
    private final Counter unavailable;
    private final Cache<String, Bucket> shared = buckets();
    private final Cache<String, Bucket> local = buckets();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final AtomicLong storeRetryAt = new AtomicLong(System.nanoTime());

    public AccountRateLimiter(PlanLimits plans, ProxyManager<String> store, MeterRegistry meters) {
        this.plans = plans;
        this.store = store;
        this.meters = meters;
        this.unavailable = Counter.builder("tollgate.gateway.rate.limit.unavailable")
                .description("Calls limited by this replica alone because the rate-limit store (PostgreSQL) could not be reached")
                .register(meters);
    }

    public Decision tryConsume(String accountId) {
        PlanLimits.Limits limits = plans.of(accountId);
        List<Window> windows = new ArrayList<>(2);
        if (limits.perMinute() == 0) {
            return refusedOutright("minute", MINUTE);
        }
        if (limits.perMinute() != PlanLimits.UNLIMITED) {
            windows.add(new Window("minute", limits.perMinute(), MINUTE, 0, Duration.ZERO));
        }
        if (limits.perDay() == 0) {
            return refusedOutright("day", DAY);
        }
        if (limits.perDay() != PlanLimits.UNLIMITED) {
            windows.add(new Window("day", limits.perDay(), DAY, 0, Duration.ZERO));
        }
        if (windows.isEmpty()) {
            return new Decision(true, List.of(), Duration.ZERO);
        }
        String key = accountId + ":" + limits.perMinute() + ":" + limits.perDay();
        return decide(windows, consume(key, windows));
    }

    private VerboseResult<ConsumptionProbe> consume(String key, List<Window> windows) {
        if (System.nanoTime() - storeRetryAt.get() >= 0) {
            try {
                Bucket bucket = shared.get(key, k -> store.builder().build(k, () -> configuration(windows)));
                return bucket.asVerbose().tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException storeUnavailable) {
                storeRetryAt.set(System.nanoTime() + STORE_RETRY.toNanos());
                warn(storeUnavailable);
            }
        }
        unavailable.increment();
        return local.get(key, k -> {
            LocalBucketBuilder builder = Bucket.builder();
            for (Bandwidth bandwidth : configuration(windows).getBandwidths()) {
                builder.addLimit(bandwidth);
            }
            return builder.build();
        }).asVerbose().tryConsumeAndReturnRemaining(1);
    }

    private void warn(RuntimeException storeUnavailable) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limits are enforced per replica only: the rate-limit store cannot be reached ({}); "
                    + "tollgate_gateway_rate_limit_unavailable_total counts the calls", storeUnavailable.toString());
        }
    }

    /** The windows as the bandwidths of one bucket, in the order of {@code windows} (its diagnostics follow it). */
    private static BucketConfiguration configuration(List<Window> windows) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        for (Window window : windows) {
            builder.addLimit(limit -> limit.capacity(window.quota()).refillIntervally(window.quota(), window.length())
                    .id(window.name()));
        }
        return builder.build();
    }

    /**
     * Reads each window from the bucket's state after the consumption. Both windows of a bucket started at the
     * same instant and a day is a whole number of minutes, so the bucket's time to fill up (the day's, once a
     * call was counted) modulo a minute is when the minute window refills.
     */
    private Decision decide(List<Window> windows, VerboseResult<ConsumptionProbe> result) {
        ConsumptionProbe probe = result.getValue();
        long[] remaining = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
        long fullInNanos = result.getDiagnostics().calculateFullRefillingTime();
        List<Window> reported = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            Window window = windows.get(i);
            long left = Math.max(0, remaining[i]);
            long resetsIn = left >= window.quota() ? 0 : fullInNanos;
            if (resetsIn > 0 && windows.size() > 1 && i == 0) {
                long untilMinuteBoundary = fullInNanos % window.length().toNanos();
                resetsIn = untilMinuteBoundary == 0 ? window.length().toNanos() : untilMinuteBoundary;
            }
            reported.add(new Window(window.name(), window.quota(), window.length(), left, Duration.ofNanos(resetsIn)));
            if (!probe.isConsumed() && left < 1) {
                // A refusal reports the windows up to the first exhausted one, which names the 429.
                return refusal(reported, Duration.ofNanos(probe.getNanosToWaitForRefill()));
            }
        }
        return new Decision(probe.isConsumed(), reported, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** A quota of 0: nothing refills within the window, so the caller is told to come back after it. */
    private Decision refusedOutright(String name, Duration length) {
        List<Window> reported = new ArrayList<>(1);
        reported.add(new Window(name, 0, length, 0, length));
        return refusal(reported, length);
    }

    private Decision refusal(List<Window> windows, Duration retryAfter) {
        // Tagged by window only: an account id per series would grow without bound.
        meters.counter("tollgate.gateway.rate.limited", "window", windows.getLast().name()).increment();
        return new Decision(false, windows, retryAfter);
    }

    private static Cache<String, Bucket> buckets() {
        return Caffeine.newBuilder().expireAfterAccess(IDLE_BUCKET).maximumSize(MAX_BUCKETS).build();
    }
}
