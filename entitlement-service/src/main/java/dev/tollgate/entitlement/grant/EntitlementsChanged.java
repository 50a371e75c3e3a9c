package dev.tollgate.entitlement.grant;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * An account's complete new set of entitlements (not a delta), so a consumer can simply replace its copy.
 *
 * @param version one more than the account's previous {@code entitlements.changed.v1}: consumers keep
 *        the grant of the highest version (never decided by time or arrival order)
 */
@EventType(name = "entitlements.changed", version = 1)
public record EntitlementsChanged(UUID eventId, String accountId, Instant occurredAt, long version, String planId,
        String subscriptionStatus, Map<String, Entitlement> features) implements DomainEvent {
}
