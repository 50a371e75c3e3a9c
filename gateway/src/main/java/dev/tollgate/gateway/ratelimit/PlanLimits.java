package dev.tollgate.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The gateway's projection of each account's rate limits, as granted by its latest
 * {@code entitlements.changed.v1}. It keeps the grant of the highest {@code version}, so neither a
 * copy nor a late record undoes a newer plan. Held in memory: every replica reads the whole topic
 * from its start at boot (its own consumer group), so a restart rebuilds it.
 */
@Component
public class PlanLimits {

    /** What an account may send; {@link #UNLIMITED} for a limit of -1. */
    public record Limits(long perMinute, long perDay) {
    }

    public static final long UNLIMITED = -1;

    private record Held(long version, Limits limits) {
    }

    private final Map<String, Held> byAccount = new ConcurrentHashMap<>();
    private final RateLimitSettings settings;

    public PlanLimits(RateLimitSettings settings) {
        this.settings = settings;
    }

    /** Records the limits of grant {@code version}; returns false when a newer (or the same) grant is held. */
    public boolean apply(String accountId, long version, Long perMinute, Long perDay) {
        Limits limits = new Limits(perMinute == null ? settings.defaultPerMinute() : perMinute,
                perDay == null ? settings.defaultPerDay() : perDay);
        Held incoming = new Held(version, limits);
        Held result = byAccount.merge(accountId, incoming, (held, next) -> held.version() < next.version() ? next : held);
        return result == incoming;
    }

    public Limits of(String accountId) {
        Held held = byAccount.get(accountId);
        return held == null ? new Limits(settings.defaultPerMinute(), settings.defaultPerDay()) : held.limits();
    }
}
