package dev.tollgate.community.membership;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * A user joined a group (by itself or by accepting an invitation).
 *
 * @param accountId the member's account
 * @param via {@code join} or {@code invitation}
 * @param memberCount the group's active members right after the join
 */
@EventType(name = "community.member-joined", version = 1)
public record MemberJoined(UUID eventId, String accountId, Instant occurredAt, UUID groupId, String groupSlug, UUID memberId,
        String userId, String role, String via, int memberCount) implements DomainEvent {
}
