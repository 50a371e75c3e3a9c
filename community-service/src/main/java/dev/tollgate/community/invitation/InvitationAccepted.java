package dev.tollgate.community.invitation;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/** An invitation was accepted; {@code accountId} is the inviter's account, {@code acceptedBy*} the new member. */
@EventType(name = "community.invitation-accepted", version = 1)
public record InvitationAccepted(UUID eventId, String accountId, Instant occurredAt, UUID invitationId, UUID groupId,
        String groupSlug, String acceptedByAccount, String acceptedByUser) implements DomainEvent {
}
