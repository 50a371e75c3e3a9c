package dev.tollgate.ticket.sla;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/** What the response-target job publishes on {@code tollgate.ticket.events}, each at most once per ticket. */
public final class SlaEvents {

    private SlaEvents() {
    }

    /** The ticket's first-response target passes within the lead time and no agent has replied yet. */
    @EventType(name = "ticket.response_due", version = 1)
    public record TicketResponseDue(UUID eventId, String accountId, Instant occurredAt, String ticketNumber, String priority,
            String planId, String assignee, Instant responseDueAt) implements DomainEvent {
    }

    /** The ticket's first-response target passed without an agent's reply. */
    @EventType(name = "ticket.sla_breached", version = 1)
    public record TicketSlaBreached(UUID eventId, String accountId, Instant occurredAt, String ticketNumber, String priority,
            String planId, String assignee, Instant responseDueAt) implements DomainEvent {
    }
}
