package dev.tollgate.entitlement.meter;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * An account's usage of a limited feature reached {@code threshold} percent (80 or 100) of its limit
 * in the period starting at {@code periodStart}; published once per account, feature, threshold and period.
 *
 * @param resetsAt when the period ends and usage starts from 0 again; null for a limit that never resets
 */
@EventType(name = "entitlements.usage_threshold_reached", version = 1)
public record UsageThresholdReached(UUID eventId, String accountId, Instant occurredAt, String feature, int threshold,
        long limit, long used, Instant periodStart, Instant resetsAt) implements DomainEvent {
}
