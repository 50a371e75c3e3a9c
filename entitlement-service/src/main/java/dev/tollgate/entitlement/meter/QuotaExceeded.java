package dev.tollgate.entitlement.meter;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * A request for {@code requested} units of a feature was refused (or a gauge was reported above its
 * limit): published at most once per account, feature and period, however often the caller is refused,
 * so a hammering client does not flood notifications.
 */
@EventType(name = "entitlements.quota_exceeded", version = 1)
public record QuotaExceeded(UUID eventId, String accountId, Instant occurredAt, String feature, long limit, long used,
        long requested, long remaining, Instant periodStart, Instant resetsAt) implements DomainEvent {
}
