package dev.tollgate.ticket.desk;

import static dev.tollgate.ticket.desk.TicketStatus.CLOSED;
import static dev.tollgate.ticket.desk.TicketStatus.IN_PROGRESS;
import static dev.tollgate.ticket.desk.TicketStatus.OPEN;
import static dev.tollgate.ticket.desk.TicketStatus.RESOLVED;
import static dev.tollgate.ticket.desk.TicketStatus.WAITING_ON_CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class WorkflowTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final Duration WINDOW = Duration.ofDays(7);

    @Test
    void agentsMoveATicketAlongTheWorkflow() {
        assertThat(Workflow.refusal(OPEN, IN_PROGRESS, true, null, NOW, WINDOW)).isNull();
        assertThat(Workflow.refusal(IN_PROGRESS, WAITING_ON_CUSTOMER, true, null, NOW, WINDOW)).isNull();
        assertThat(Workflow.refusal(WAITING_ON_CUSTOMER, RESOLVED, true, null, NOW, WINDOW)).isNull();
        assertThat(Workflow.refusal(RESOLVED, CLOSED, true, null, NOW, WINDOW)).isNull();
    }

    @Test
    void nothingSkipsResolutionOrLeavesClosedExceptAReopen() {
        assertThat(Workflow.refusal(OPEN, CLOSED, true, null, NOW, WINDOW)).isNotNull();
        assertThat(Workflow.refusal(CLOSED, IN_PROGRESS, true, NOW, NOW, WINDOW)).isNotNull();
        assertThat(Workflow.refusal(IN_PROGRESS, IN_PROGRESS, true, null, NOW, WINDOW)).contains("already");
    }

    @Test
    void customersOnlyCloseAResolvedTicketOrReopenOne() {
        assertThat(Workflow.refusal(OPEN, IN_PROGRESS, false, null, NOW, WINDOW)).isNotNull();
        assertThat(Workflow.refusal(OPEN, RESOLVED, false, null, NOW, WINDOW)).isNotNull();
        assertThat(Workflow.refusal(RESOLVED, CLOSED, false, NOW, NOW, WINDOW)).isNull();
        assertThat(Workflow.refusal(CLOSED, OPEN, false, NOW.minus(Duration.ofDays(6)), NOW, WINDOW)).isNull();
    }

    @Test
    void aReopenIsAllowedUntilTheWindowAfterTheResolutionEnds() {
        assertThat(Workflow.refusal(RESOLVED, OPEN, false, NOW.minus(WINDOW).plusSeconds(1), NOW, WINDOW)).isNull();
        assertThat(Workflow.refusal(RESOLVED, OPEN, false, NOW.minus(WINDOW), NOW, WINDOW)).contains("no longer");
        assertThat(Workflow.refusal(IN_PROGRESS, OPEN, true, null, NOW, WINDOW)).contains("only a resolved or closed");
    }
}
