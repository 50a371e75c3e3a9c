package dev.tollgate.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets per account with Bucket4j (a well-kept library, exact integer arithmetic, lock-free),
 * one per window so each can be reported in the {@code RateLimit} header. Each bucket refills its whole
 * quota at the end of its window. Buckets live in this replica's memory: N replicas together allow up to
 * N times the plan's limit (sharing them through PostgreSQL is not done yet; see the README).
 */
@Component
public class AccountRateLimiter {

    /** One window's state after a request: its quota, what is left and when it fills up again. */
    public record Window(String name, long quota, Duration length, long remaining, Duration resetsIn) {
    }

    /** The answer for one request: allowed or not, the windows to report, and how long to wait if refused. */
    public record Decision(boolean allowed, List<Window> windows, Duration retryAfter) {
    }

    private record Buckets(PlanLimits.Limits limits, Bucket minute, Bucket day) {
    }

    private final PlanLimits plans;
    private final Map<String, Buckets> byAccount = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    public AccountRateLimiter(PlanLimits plans, MeterRegistry meters) {
        this.plans = plans;
        this.meters = meters;
    }

    public Decision tryConsume(String accountId) {
        PlanLimits.Limits limits = plans.of(accountId);
        // A plan change starts fresh buckets with the new quotas.
        Buckets buckets = byAccount.compute(accountId,
                (account, held) -> held != null && held.limits().equals(limits) ? held : create(limits));
        List<Window> windows = new ArrayList<>(2);
        if (buckets.minute() != null) {
            ConsumptionProbe probe = buckets.minute().tryConsumeAndReturnRemaining(1);
            windows.add(window("minute", limits.perMinute(), Duration.ofMinutes(1), probe));
            if (!probe.isConsumed()) {
                return refused(windows, probe);
            }
        }
        if (buckets.day() != null) {
            ConsumptionProbe probe = buckets.day().tryConsumeAndReturnRemaining(1);
            windows.add(window("day", limits.perDay(), Duration.ofDays(1), probe));
            if (!probe.isConsumed()) {
                return refused(windows, probe);
            }
        }
        return new Decision(true, windows, Duration.ZERO);
    }

    private Decision refused(List<Window> windows, ConsumptionProbe probe) {
        // Tagged by window only: an account id per series would grow without bound.
        meters.counter("tollgate.gateway.rate.limited", "window", windows.getLast().name()).increment();
        return new Decision(false, windows, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static Window window(String name, long quota, Duration length, ConsumptionProbe probe) {
        return new Window(name, quota, length, probe.getRemainingTokens(), Duration.ofNanos(probe.getNanosToWaitForReset()));
    }

    private static Buckets create(PlanLimits.Limits limits) {
        return new Buckets(limits, bucket(limits.perMinute(), Duration.ofMinutes(1)), bucket(limits.perDay(), Duration.ofDays(1)));
    }

    private static Bucket bucket(long quota, Duration window) {
        if (quota < 0) {
            return null;
        }
        // Bucket4j needs a positive capacity: a quota of 0 is taken as 1.
        long tokens = Math.max(quota, 1);
        return Bucket.builder().addLimit(limit -> limit.capacity(tokens).refillIntervally(tokens, window)).build();
    }
}
