package dev.tollgate.ticket.desk;

import java.time.Duration;
import java.time.Instant;

/** A ticket as stored. */
record Ticket(String number, String accountId, String createdBy, String subject, String description, String category,
        String priority, TicketStatus status, String planId, String assignee, long revision, Instant createdAt,
        Instant updatedAt, Instant responseDueAt, Instant firstResponseAt, Instant resolvedAt, Instant closedAt,
        Instant slaBreachedAt) {

    long responseTargetHours() {
        return Duration.between(createdAt, responseDueAt).toHours();
    }
}
