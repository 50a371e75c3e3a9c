package dev.tollgate.entitlement.grant;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/** An account's complete new set of entitlements (not a delta), so a consumer can simply replace its copy. */
@EventType(name = "entitlements.changed", version = 1)
public record EntitlementsChanged(UUID eventId, String accountId, Instant occurredAt, String planId,
        String subscriptionStatus, Map<String, Entitlement> features) implements DomainEvent {
}
