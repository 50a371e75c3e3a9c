package dev.tollgate.ticket.desk;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;
import dev.tollgate.ticket.desk.TicketDesk.AllowanceView;
import dev.tollgate.ticket.desk.TicketDesk.Creation;
import dev.tollgate.ticket.desk.TicketDesk.NewTicket;

/** The desk's API: customers' tickets, the agents' queue and the allowance for the ticket form. */
@RestController
class TicketController {

    static final Set<String> CATEGORIES = Set.of("bug", "feature-request", "use-case", "question");
    static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    private static final int MAX_PAGE_SIZE = 100;

    private final TicketDesk desk;

    TicketController(TicketDesk desk) {
        this.desk = desk;
    }

    @PostMapping("/api/tickets")
    ResponseEntity<Created> create(CallerIdentity caller, @RequestBody NewTicket request) {
        NewTicket valid = validated(request);
        Creation creation = desk.create(caller, valid);
        if (creation.ticket() == null) {
            throw quotaExceeded(creation.refusedAt());
        }
        Ticket ticket = creation.ticket();
        String message = "Ticket %s created. We'll respond within %d hours.".formatted(ticket.number(), ticket.responseTargetHours());
        return ResponseEntity.created(URI.create("/api/tickets/" + ticket.number()))
                .body(new Created(TicketView.of(ticket, null), message));
    }

    @GetMapping("/api/tickets/allowance/me")
    AllowanceView allowance(CallerIdentity caller) {
        return desk.allowance(caller);
    }

    @GetMapping("/api/tickets")
    PageView mine(CallerIdentity caller, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        checkPage(page, size);
        return PageView.of(desk.mine(caller, status, page, size));
    }

    @GetMapping("/api/tickets/queue")
    PageView queue(CallerIdentity caller, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        checkPage(page, size);
        return PageView.of(desk.queue(caller, page, size));
    }

    @GetMapping("/api/tickets/{number}")
    TicketView read(CallerIdentity caller, @PathVariable String number) {
        TicketDesk.TicketDetail detail = desk.read(caller, number);
        return TicketView.of(detail.ticket(), detail.comments());
    }

    @PostMapping("/api/tickets/{number}/comments")
    ResponseEntity<Comment> comment(CallerIdentity caller, @PathVariable String number, @RequestBody NewComment request) {
        String body = required(request == null ? null : request.body(), "body", 20_000);
        return ResponseEntity.status(HttpStatus.CREATED).body(desk.comment(caller, number, body, Boolean.TRUE.equals(request.internal())));
    }

    @PostMapping("/api/tickets/{number}/status")
    TicketView changeStatus(CallerIdentity caller, @PathVariable String number, @RequestBody StatusChange request) {
        return TicketView.of(desk.changeStatus(caller, number, required(request == null ? null : request.status(), "status", 40)),
                null);
    }

    /** Assigns the ticket to {@code assignee}, or to the calling agent when none is given. */
    @PostMapping("/api/tickets/{number}/assignment")
    TicketView assign(CallerIdentity caller, @PathVariable String number, @RequestBody(required = false) Assignment request) {
        return TicketView.of(desk.assign(caller, number, request == null ? null : request.assignee()), null);
    }

    private static ApiProblem quotaExceeded(TicketDesk.Usage usage) {
        ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Ticket limit reached",
                "You have used all %d priority support tickets of this billing period; the allowance resets at %s."
                        .formatted(usage.limit(), usage.period().end()));
        problem.getBody().setProperty("limit", usage.limit());
        problem.getBody().setProperty("used", usage.used());
        problem.getBody().setProperty("resetsAt", usage.period().end().toString());
        long seconds = Math.max(1, Duration.between(usage.at(), usage.period().end()).toSeconds());
        problem.getHeaders().set("Retry-After", Long.toString(seconds));
        return problem;
    }

    private static NewTicket validated(NewTicket request) {
        if (request == null) {
            throw ApiProblem.badRequest("Send a JSON body with subject, description, category and priority.");
        }
        String category = required(request.category(), "category", 40);
        if (!CATEGORIES.contains(category)) {
            throw ApiProblem.badRequest("Unknown category '" + category + "'; one of " + CATEGORIES + ".");
        }
        String priority = request.priority() == null ? "normal" : request.priority();
        if (!PRIORITIES.contains(priority)) {
            throw ApiProblem.badRequest("Unknown priority '" + priority + "'; one of " + PRIORITIES + ".");
        }
        return new NewTicket(required(request.subject(), "subject", 200), required(request.description(), "description", 20_000),
                category, priority);
    }

    private static String required(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest("'" + field + "' is required.");
        }
        if (value.length() > maxLength) {
            throw ApiProblem.badRequest("'" + field + "' is longer than " + maxLength + " characters.");
        }
        return value.strip();
    }

    private static void checkPage(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiProblem.badRequest("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE + ".");
        }
    }

    record Created(TicketView ticket, String message) {
    }

    record NewComment(String body, Boolean internal) {
    }

    record StatusChange(String status) {
    }

    record Assignment(String assignee) {
    }

    record PageView(List<TicketView> items, int page, int size, long total) {

        static PageView of(Tickets.Page<Ticket> page) {
            return new PageView(page.items().stream().map(ticket -> TicketView.of(ticket, null)).toList(), page.page(),
                    page.size(), page.total());
        }
    }

    /** A ticket as the API shows it; {@code comments} only on the single-ticket read. */
    record TicketView(String ticketNumber, String accountId, String subject, String description, String category,
            String priority, String status, String planId, String assignee, String createdBy, Instant createdAt,
            Instant updatedAt, Instant responseDueAt, long responseTargetHours, Instant firstResponseAt, Instant resolvedAt,
            Instant closedAt, boolean slaBreached, List<Comment> comments) {

        static TicketView of(Ticket t, List<Comment> comments) {
            return new TicketView(t.number(), t.accountId(), t.subject(), t.description(), t.category(), t.priority(),
                    t.status().wire(), t.planId(), t.assignee(), t.createdBy(), t.createdAt(), t.updatedAt(), t.responseDueAt(),
                    t.responseTargetHours(), t.firstResponseAt(), t.resolvedAt(), t.closedAt(), t.slaBreachedAt() != null,
                    comments);
        }
    }
}
