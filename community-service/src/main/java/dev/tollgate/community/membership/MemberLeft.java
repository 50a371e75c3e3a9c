package dev.tollgate.community.membership;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * A user left a group or a group admin removed them.
 *
 * @param accountId the (former) member's account
 * @param reason {@code left} or {@code removed}
 * @param memberCount the group's active members right after
 */
@EventType(name = "community.member-left", version = 1)
public record MemberLeft(UUID eventId, String accountId, Instant occurredAt, UUID groupId, String groupSlug, UUID memberId,
        String userId, String reason, int memberCount) implements DomainEvent {
}
