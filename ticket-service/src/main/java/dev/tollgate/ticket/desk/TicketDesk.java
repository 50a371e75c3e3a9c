package dev.tollgate.ticket.desk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.Ids;
import dev.tollgate.platform.web.ApiProblem;
import dev.tollgate.ticket.TicketSettings;
import dev.tollgate.ticket.desk.TicketEvents.TicketAssigned;
import dev.tollgate.ticket.desk.TicketEvents.TicketCommented;
import dev.tollgate.ticket.desk.TicketEvents.TicketCreated;
import dev.tollgate.ticket.desk.TicketEvents.TicketQuotaExceeded;
import dev.tollgate.ticket.desk.TicketEvents.TicketStatusChanged;
import dev.tollgate.ticket.entitlement.AllowanceProjection;
import dev.tollgate.ticket.entitlement.AllowanceProjection.Allowance;
import dev.tollgate.ticket.period.BillingPeriod;
import dev.tollgate.ticket.period.BillingPeriods;
import dev.tollgate.ticket.sla.ResponseTargets;

/**
 * Every change to a ticket, each in one transaction with the event that tells the others about it
 * (the platform's outbox). Customers act on their own account's tickets only; agents (role
 * {@code support_agent}) on every account's.
 */
@Service
class TicketDesk {

    static final String AGENT = "support_agent";

    private final Tickets tickets;
    private final AllowanceProjection allowances;
    private final BillingPeriods periods;
    private final ResponseTargets targets;
    private final TicketSettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TicketDesk(Tickets tickets, AllowanceProjection allowances, BillingPeriods periods, ResponseTargets targets,
            TicketSettings settings, ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
        this.tickets = tickets;
        this.allowances = allowances;
        this.periods = periods;
        this.targets = targets;
        this.settings = settings;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    static boolean isAgent(CallerIdentity caller) {
        return caller.hasRole(AGENT);
    }

    /**
     * Opens a ticket if the account's allowance for the current period has room. A refusal past the
     * allowance is committed too (its event, the first time in the period), so it is returned, not thrown.
     */
    Creation create(CallerIdentity caller, NewTicket request) {
        return transaction.execute(status -> {
            tickets.lockAllowanceOf(caller.accountId());
            Instant now = now();
            // Read under the lock: a grant applied while an earlier creation held it counts.
            Allowance held = allowances.allowanceOf(caller.accountId());
            if (held.monthlyLimit() == 0) {
                throw new ApiProblem(HttpStatus.FORBIDDEN, "No priority support",
                        "Your account has no priority support tickets. Subscribe to " + settings.upgradePlan()
                                + " to open priority support tickets.");
            }
            BillingPeriod period = periods.current(caller.accountId(), now);
            if (!held.unlimited()) {
                long used = tickets.createdIn(caller.accountId(), period);
                if (used >= held.monthlyLimit()) {
                    if (tickets.firstRefusalIn(caller.accountId(), period, now)) {
                        events.publishEvent(new TicketQuotaExceeded(UUID.randomUUID(), caller.accountId(), now, held.planId(),
                                held.monthlyLimit(), used, period.start(), period.end()));
                    }
                    return new Creation(null, new Usage(held.monthlyLimit(), used, period, now));
                }
            }
            Duration target = targets.targetFor(held.planId(), request.priority());
            String number = "%s-%05d".formatted(settings.numberPrefix(), tickets.nextNumber(settings.numberPrefix()));
            Ticket ticket = new Ticket(number, caller.accountId(), caller.userId(), request.subject(), request.description(),
                    request.category(), request.priority(), TicketStatus.OPEN, held.planId(), null, 1, now, now,
                    now.plus(target), null, null, null, null);
            tickets.insert(ticket);
            events.publishEvent(new TicketCreated(UUID.randomUUID(), ticket.accountId(), now, number, 1, caller.userId(),
                    ticket.subject(), ticket.category(), ticket.priority(), ticket.status().wire(), held.planId(),
                    ticket.responseDueAt(), target.toHours()));
            return new Creation(ticket, null);
        });
    }

    /** The account's allowance in its current period. */
    AllowanceView allowance(CallerIdentity caller) {
        Allowance allowance = allowances.allowanceOf(caller.accountId());
        BillingPeriod period = periods.current(caller.accountId(), now());
        long used = tickets.createdIn(caller.accountId(), period);
        long remaining = allowance.unlimited() ? -1 : Math.max(0, allowance.monthlyLimit() - used);
        return new AllowanceView(caller.accountId(), allowance.planId(), allowance.monthlyLimit(), used, remaining,
                period.start(), period.end(), allowance.monthlyLimit(), "month");
    }

    /** The ticket with its comments (internal notes for agents only); another account's ticket does not exist for a customer. */
    TicketDetail read(CallerIdentity caller, String number) {
        Ticket ticket = visible(caller, number, false);
        return new TicketDetail(ticket, tickets.comments(number, isAgent(caller)));
    }

    Tickets.Page<Ticket> mine(CallerIdentity caller, String status, int page, int size) {
        return tickets.ofAccount(caller.accountId(), status == null ? null : statusOf(status), page, size);
    }

    Tickets.Page<Ticket> queue(CallerIdentity caller, int page, int size) {
        requireAgent(caller, "Only support agents see the queue across accounts.");
        return tickets.queue(page, size);
    }

    Comment comment(CallerIdentity caller, String number, String body, boolean internal) {
        boolean agent = isAgent(caller);
        if (internal && !agent) {
            throw ApiProblem.forbidden("Only support agents can write internal notes.");
        }
        return transaction.execute(status -> {
            Ticket ticket = visible(caller, number, true);
            if (ticket.status() == TicketStatus.CLOSED) {
                throw conflict("Ticket " + number + " is closed; reopen it to add a comment.");
            }
            Instant now = now();
            long id = tickets.addComment(number, caller.userId(), agent, internal, body, now);
            Ticket changed = withRevision(ticket, now);
            if (agent && !internal && ticket.firstResponseAt() == null) {
                changed = with(changed, changed.status(), changed.assignee(), now, changed.resolvedAt(), changed.closedAt());
            }
            events.publishEvent(new TicketCommented(UUID.randomUUID(), ticket.accountId(), now, number, changed.revision(), id,
                    caller.userId(), agent, internal, internal ? null : body));
            // The customer answered what the team asked: the ticket is the team's turn again.
            if (!agent && ticket.status() == TicketStatus.WAITING_ON_CUSTOMER) {
                changed = moved(withRevision(changed, now), TicketStatus.IN_PROGRESS, caller, now);
            }
            tickets.update(changed);
            return new Comment(id, caller.userId(), agent, internal, body, now);
        });
    }

    Ticket changeStatus(CallerIdentity caller, String number, String to) {
        TicketStatus target = statusOf(to);
        return transaction.execute(status -> {
            Ticket ticket = visible(caller, number, true);
            Instant now = now();
            String refusal = Workflow.refusal(ticket.status(), target, isAgent(caller), ticket.resolvedAt(), now,
                    settings.reopenWindow());
            if (refusal != null) {
                throw conflict("Ticket " + number + ": " + refusal + ".");
            }
            Ticket changed = moved(withRevision(ticket, now), target, caller, now);
            tickets.update(changed);
            return changed;
        });
    }

    Ticket assign(CallerIdentity caller, String number, String assignee) {
        requireAgent(caller, "Only support agents assign tickets.");
        String agent = assignee == null || assignee.isBlank() ? caller.userId() : assignee;
        try {
            Ids.requireUserId(agent, "assignee");
        } catch (Ids.InvalidIdException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        return transaction.execute(status -> {
            Ticket ticket = visible(caller, number, true);
            if (agent.equals(ticket.assignee())) {
                return ticket;
            }
            Instant now = now();
            Ticket changed = withRevision(ticket, now);
            changed = with(changed, changed.status(), agent, changed.firstResponseAt(), changed.resolvedAt(), changed.closedAt());
            tickets.update(changed);
            events.publishEvent(new TicketAssigned(UUID.randomUUID(), ticket.accountId(), now, number, changed.revision(), agent,
                    ticket.assignee(), caller.userId()));
            return changed;
        });
    }

    /** Applies a status change and publishes it; {@code ticket} already carries the change's revision. */
    private Ticket moved(Ticket ticket, TicketStatus to, CallerIdentity caller, Instant now) {
        Instant resolvedAt = to == TicketStatus.RESOLVED ? now : ticket.resolvedAt();
        Instant closedAt = to == TicketStatus.CLOSED ? now : to == TicketStatus.OPEN ? null : ticket.closedAt();
        Ticket changed = with(ticket, to, ticket.assignee(), ticket.firstResponseAt(), resolvedAt, closedAt);
        events.publishEvent(new TicketStatusChanged(UUID.randomUUID(), ticket.accountId(), now, ticket.number(),
                changed.revision(), ticket.status().wire(), to.wire(), caller.userId()));
        return changed;
    }

    private Ticket visible(CallerIdentity caller, String number, boolean forUpdate) {
        return tickets.find(number.toUpperCase(Locale.ROOT), forUpdate)
                .filter(ticket -> isAgent(caller) || ticket.accountId().equals(caller.accountId()))
                .orElseThrow(() -> ApiProblem.notFound("Your account has no ticket " + number + "."));
    }

    private static TicketStatus statusOf(String value) {
        return TicketStatus.fromWire(value).orElseThrow(() -> ApiProblem.badRequest("Unknown status '" + value
                + "'; one of " + List.of(TicketStatus.values()).stream().map(TicketStatus::wire).toList() + "."));
    }

    private static void requireAgent(CallerIdentity caller, String detail) {
        if (!isAgent(caller)) {
            throw ApiProblem.forbidden(detail);
        }
    }

    private static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, "Not possible in the ticket's status", detail);
    }

    private static Ticket withRevision(Ticket t, Instant now) {
        return new Ticket(t.number(), t.accountId(), t.createdBy(), t.subject(), t.description(), t.category(), t.priority(),
                t.status(), t.planId(), t.assignee(), t.revision() + 1, t.createdAt(), now, t.responseDueAt(),
                t.firstResponseAt(), t.resolvedAt(), t.closedAt(), t.slaBreachedAt());
    }

    private static Ticket with(Ticket t, TicketStatus status, String assignee, Instant firstResponseAt, Instant resolvedAt,
            Instant closedAt) {
        return new Ticket(t.number(), t.accountId(), t.createdBy(), t.subject(), t.description(), t.category(), t.priority(),
                status, t.planId(), assignee, t.revision(), t.createdAt(), t.updatedAt(), t.responseDueAt(), firstResponseAt,
                resolvedAt, closedAt, t.slaBreachedAt());
    }

    /** Database precision (microseconds), so what is returned equals what is read back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A created ticket, or the usage that refused it. */
    record Creation(Ticket ticket, Usage refusedAt) {
    }

    record Usage(long limit, long used, BillingPeriod period, Instant at) {
    }

    record TicketDetail(Ticket ticket, List<Comment> comments) {
    }

    /** {@code monthlyLimit} and {@code period} are kept for clients written before {@code limit}. */
    record AllowanceView(String accountId, String planId, long limit, long used, long remaining, Instant periodStart,
            Instant resetsAt, long monthlyLimit, String period) {
    }

    record NewTicket(String subject, String description, String category, String priority) {
    }
}
