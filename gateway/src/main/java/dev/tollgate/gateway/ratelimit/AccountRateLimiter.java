package dev.tollgate.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Token buckets per account and window with Bucket4j (a well-kept library, exact integer arithmetic),
 * held in the gateway's PostgreSQL database through Bucket4j's proxy manager ({@link RateLimitStore}), so
 * every replica spends the same budget and a restart forgets nothing. Each bucket refills its whole quota
 * at the end of its window.
 *
 * <p>A bucket's key names its quota ({@code acct_1:minute:60}): a plan change reaches a new, full bucket
 * without any replica having to notice, and the old row expires. A day window that refuses gives back the
 * minute token just taken, so a refused call costs nothing. A quota of 0 refuses every call without a
 * bucket (Bucket4j needs a positive capacity).
 *
 * <p>While PostgreSQL cannot be reached the limiter fails open: the call goes through uncounted, without
 * {@code RateLimit} headers, {@code tollgate_gateway_rate_limit_unavailable_total} counts it and a warning
 * is logged (at most once a minute). Rate limits share capacity fairly; they guard no data (every service
 * checks the caller and its own quotas), so refusing the whole API for a store outage would turn a
 * degraded gateway into a down one.
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
    private static final Logger log = LoggerFactory.getLogger(AccountRateLimiter.class);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final PlanLimits plans;
    private final ProxyManager<String> buckets;
    private final MeterRegistry meters;
    private final Counter unavailable;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public AccountRateLimiter(PlanLimits plans, ProxyManager<String> buckets, MeterRegistry meters) {
        this.plans = plans;
        this.buckets = buckets;
        this.meters = meters;
        this.unavailable = Counter.builder("tollgate.gateway.rate.limit.unavailable")
                .description("Calls let through uncounted because the rate-limit store (PostgreSQL) could not be reached")
                .register(meters);
    }

    public Decision tryConsume(String accountId) {
        PlanLimits.Limits limits = plans.of(accountId);
        try {
            return consume(accountId, limits);
        } catch (RuntimeException storeUnavailable) {
            unavailable.increment();
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
                log.warn("Rate limits are not enforced: the rate-limit store cannot be reached ({}); calls go through "
                        + "uncounted (tollgate_gateway_rate_limit_unavailable_total)", storeUnavailable.toString());
            }
            return new Decision(true, List.of(), Duration.ZERO);
        }
    }

    private Decision consume(String accountId, PlanLimits.Limits limits) {
        List<Window> windows = new ArrayList<>(2);
        BucketProxy minute = null;
        if (limits.perMinute() != PlanLimits.UNLIMITED) {
            if (limits.perMinute() == 0) {
                return refusedOutright(windows, "minute", MINUTE);
            }
            minute = bucket(accountId, "minute", limits.perMinute(), MINUTE);
            ConsumptionProbe probe = minute.tryConsumeAndReturnRemaining(1);
            windows.add(window("minute", limits.perMinute(), MINUTE, probe));
            if (!probe.isConsumed()) {
                return refused(windows, probe);
            }
        }
        if (limits.perDay() != PlanLimits.UNLIMITED) {
            if (limits.perDay() == 0) {
                giveBack(minute, windows);
                return refusedOutright(windows, "day", DAY);
            }
            ConsumptionProbe probe = bucket(accountId, "day", limits.perDay(), DAY).tryConsumeAndReturnRemaining(1);
            Window day = window("day", limits.perDay(), DAY, probe);
            if (!probe.isConsumed()) {
                giveBack(minute, windows);
                windows.add(day);
                return refused(windows, probe);
            }
            windows.add(day);
        }
        return new Decision(true, windows, Duration.ZERO);
    }

    /** The minute token of a call the day window refused goes back: a refused call is not counted. */
    private static void giveBack(BucketProxy minute, List<Window> windows) {
        if (minute == null) {
            return;
        }
        minute.addTokens(1);
        Window taken = windows.removeFirst();
        windows.addFirst(new Window(taken.name(), taken.quota(), taken.length(), taken.remaining() + 1, taken.resetsIn()));
    }

    private BucketProxy bucket(String accountId, String window, long quota, Duration length) {
        return buckets.builder().build(accountId + ":" + window + ":" + quota, () -> BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(quota).refillIntervally(quota, length).id(window)).build());
    }

    private Decision refused(List<Window> windows, ConsumptionProbe probe) {
        return refusal(windows, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** A quota of 0: nothing refills within the window, so the caller is told to come back after it. */
    private Decision refusedOutright(List<Window> windows, String name, Duration length) {
        windows.add(new Window(name, 0, length, 0, length));
        return refusal(windows, length);
    }

    private Decision refusal(List<Window> windows, Duration retryAfter) {
        // Tagged by window only: an account id per series would grow without bound.
        meters.counter("tollgate.gateway.rate.limited", "window", windows.getLast().name()).increment();
        return new Decision(false, windows, retryAfter);
    }

    private static Window window(String name, long quota, Duration length, ConsumptionProbe probe) {
        return new Window(name, quota, length, probe.getRemainingTokens(), Duration.ofNanos(probe.getNanosToWaitForReset()));
    }
}
