package dev.tollgate.ticket.desk;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * What the desk publishes on {@code tollgate.ticket.events}. Every event of a ticket carries its
 * {@code revision}: 1 when created, one more with each change, so a consumer keeps the highest.
 */
public final class TicketEvents {

    private TicketEvents() {
    }

    @EventType(name = "ticket.created", version = 1)
    public record TicketCreated(UUID eventId, String accountId, Instant occurredAt, String ticketNumber, long revision,
            String createdBy, String subject, String category, String priority, String status, String planId,
            Instant responseDueAt, long responseTargetHours) implements DomainEvent {
    }

    /** @param body null for an internal note: what agents write to each other never leaves the desk */
    @EventType(name = "ticket.commented", version = 1)
    public record TicketCommented(UUID eventId, String accountId, Instant occurredAt, String ticketNumber, long revision,
            long commentId, String authorId, boolean byAgent, boolean internal, String body) implements DomainEvent {
    }

    @EventType(name = "ticket.status_changed", version = 1)
    public record TicketStatusChanged(UUID eventId, String accountId, Instant occurredAt, String ticketNumber,
            long revision, String from, String to, String changedBy) implements DomainEvent {
    }

    @EventType(name = "ticket.assigned", version = 1)
    public record TicketAssigned(UUID eventId, String accountId, Instant occurredAt, String ticketNumber, long revision,
            String assignee, String previousAssignee, String assignedBy) implements DomainEvent {
    }

    /** Published once per account and billing period, for the first refused ticket. */
    @EventType(name = "ticket.quota_exceeded", version = 1)
    public record TicketQuotaExceeded(UUID eventId, String accountId, Instant occurredAt, String planId, long limit,
            long used, Instant periodStart, Instant resetsAt) implements DomainEvent {
    }
}
