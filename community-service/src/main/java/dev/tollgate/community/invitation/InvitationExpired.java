package dev.tollgate.community.invitation;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/** A pending invitation passed its time unanswered; {@code accountId} is the inviter's account. */
@EventType(name = "community.invitation-expired", version = 1)
public record InvitationExpired(UUID eventId, String accountId, Instant occurredAt, UUID invitationId, UUID groupId,
        String inviteeEmail, Instant expiredAt) implements DomainEvent {
}
