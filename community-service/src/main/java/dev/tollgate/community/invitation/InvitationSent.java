package dev.tollgate.community.invitation;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * An invitation was sent, or re-sent with a fresh token (same {@code invitationId}).
 *
 * @param accountId the inviter's account
 * @param sealedToken the invitation token, AES-256-GCM sealed with the key community-service shares
 *        only with notification-service (which builds the accept link from it); other consumers of
 *        the topic cannot use it
 */
@EventType(name = "community.invitation-sent", version = 1)
public record InvitationSent(UUID eventId, String accountId, Instant occurredAt, UUID invitationId, UUID groupId,
        String groupSlug, String groupName, String inviteeEmail, String invitedBy, Instant expiresAt, String sealedToken)
        implements DomainEvent {
}
