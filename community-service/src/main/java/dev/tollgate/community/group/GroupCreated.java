package dev.tollgate.community.group;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * A community group was created (by the seed or an organization admin).
 *
 * @param accountId the account that runs the group's organization
 * @param createdBy the user who created it (the seed's admin for seeded groups)
 */
@EventType(name = "community.group-created", version = 1)
public record GroupCreated(UUID eventId, String accountId, Instant occurredAt, UUID groupId, UUID organizationId,
        String organizationSlug, String slug, String name, String industry, String visibility, String createdBy)
        implements DomainEvent {
}
