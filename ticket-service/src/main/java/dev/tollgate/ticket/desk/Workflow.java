package dev.tollgate.ticket.desk;

import static dev.tollgate.ticket.desk.TicketStatus.CLOSED;
import static dev.tollgate.ticket.desk.TicketStatus.IN_PROGRESS;
import static dev.tollgate.ticket.desk.TicketStatus.OPEN;
import static dev.tollgate.ticket.desk.TicketStatus.RESOLVED;
import static dev.tollgate.ticket.desk.TicketStatus.WAITING_ON_CUSTOMER;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Which status changes are allowed, and to whom: {@code open -> in_progress -> waiting_on_customer
 * -> resolved -> closed}. Agents move tickets along (also back from waiting to in progress, and
 * straight to resolved); a customer may close a resolved ticket and reopen a resolved or closed
 * one within the reopen window after its resolution.
 */
public final class Workflow {

    private static final Map<TicketStatus, Set<TicketStatus>> AGENT_MOVES = Map.of(
            OPEN, Set.of(IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED),
            IN_PROGRESS, Set.of(WAITING_ON_CUSTOMER, RESOLVED),
            WAITING_ON_CUSTOMER, Set.of(IN_PROGRESS, RESOLVED),
            RESOLVED, Set.of(CLOSED),
            CLOSED, Set.of());

    private Workflow() {
    }

    /** Why the move is refused, or null when it is allowed. */
    public static String refusal(TicketStatus from, TicketStatus to, boolean agent, Instant resolvedAt, Instant now,
            Duration reopenWindow) {
        if (from == to) {
            return "the ticket is " + to.wire() + " already";
        }
        if (to == OPEN) {
            if (from != RESOLVED && from != CLOSED) {
                return "only a resolved or closed ticket can be reopened; this one is " + from.wire();
            }
            if (resolvedAt == null || !now.isBefore(resolvedAt.plus(reopenWindow))) {
                return "the ticket was resolved more than " + reopenWindow.toDays() + " days ago and can no longer be reopened;"
                        + " please open a new ticket";
            }
            return null;
        }
        if (agent) {
            return AGENT_MOVES.get(from).contains(to) ? null
                    : "a ticket that is " + from.wire() + " cannot move to " + to.wire();
        }
        if (from == RESOLVED && to == CLOSED) {
            return null;
        }
        return "customers may close a resolved ticket or reopen one; moving it to " + to.wire() + " is up to the support team";
    }
}
