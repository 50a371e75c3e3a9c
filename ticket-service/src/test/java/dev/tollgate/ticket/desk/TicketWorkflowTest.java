package dev.tollgate.ticket.desk;

import static dev.tollgate.ticket.TicketApi.agent;
import static dev.tollgate.ticket.TicketApi.customer;
import static dev.tollgate.ticket.TicketApi.json;
import static dev.tollgate.ticket.desk.TicketQuotaTest.grant;
import static dev.tollgate.ticket.desk.TicketQuotaTest.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.ticket.TicketApi;
import dev.tollgate.ticket.TicketApplication;
import tools.jackson.databind.JsonNode;

@SpringBootTest(classes = TicketApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + TicketApplication.CONFIG_NAME)
@ContextConfiguration(initializers = RealInfrastructure.class)
class TicketWorkflowTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource database;

    TicketApi api;

    @BeforeEach
    void api() {
        api = new TicketApi(port);
    }

    @Test
    void aTicketGoesFromOpenToClosedWithCommentsAndAssignmentEachChangePublishedToSchema() {
        String account = "acct_flow_" + UUID.randomUUID();
        CallerIdentity ana = customer(account);
        CallerIdentity zoe = agent("agent_zoe_" + UUID.randomUUID());
        String number = openTicket(ana, "high");

        assertThat(api.post(zoe, path(number, "/assignment"), "{}").statusCode()).isEqualTo(200);
        assertThat(status(zoe, number, "in_progress").statusCode()).isEqualTo(200);
        assertThat(comment(zoe, number, "Customer is on the old SDK", true).statusCode()).isEqualTo(201);
        assertThat(comment(zoe, number, "Which SDK version do you use?", false).statusCode()).isEqualTo(201);
        assertThat(status(zoe, number, "waiting_on_customer").statusCode()).isEqualTo(200);
        assertThat(comment(ana, number, "Version 2.1", false).statusCode()).isEqualTo(201);
        JsonNode answered = json(api.get(ana, path(number, "")));
        assertThat(answered.path("status").asString()).as("the customer's answer hands the ticket back to the team")
                .isEqualTo("in_progress");
        assertThat(answered.path("assignee").asString()).isEqualTo(zoe.userId());
        assertThat(answered.path("firstResponseAt").isNull()).isFalse();
        assertThat(status(zoe, number, "resolved").statusCode()).isEqualTo(200);
        assertThat(status(ana, number, "closed").statusCode()).isEqualTo(200);

        JsonNode closed = json(api.get(ana, path(number, "")));
        assertThat(closed.path("status").asString()).isEqualTo("closed");
        assertThat(closed.path("closedAt").isNull()).isFalse();

        List<ConsumerRecord<String, String>> published = Settled.publishedByVersion(database, List.of(), Topics.TICKET, account);
        assertThat(published).extracting(TicketQuotaTest::type).containsExactly("ticket.created.v1", "ticket.assigned.v1",
                "ticket.status_changed.v1", "ticket.commented.v1", "ticket.commented.v1", "ticket.status_changed.v1",
                "ticket.commented.v1", "ticket.status_changed.v1", "ticket.status_changed.v1", "ticket.status_changed.v1");
        assertThat(published).extracting(r -> TicketApi.JSON.readTree(r.value()).path("revision").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        published.forEach(r -> assertThat(EventContract.violations(type(r), r.value())).as(r.value()).isEmpty());
        assertThat(published.get(3).value()).as("an internal note's text never leaves the desk")
                .contains("\"internal\":true", "\"body\":null").doesNotContain("old SDK");
    }

    @Test
    void internalNotesAreShownToAgentsOnlyAndCustomersCannotWriteThem() {
        CallerIdentity bea = customer("acct_notes_" + UUID.randomUUID());
        CallerIdentity zoe = agent("agent_zoe_" + UUID.randomUUID());
        String number = openTicket(bea, "normal");
        comment(zoe, number, "internal: check billing first", true);
        comment(zoe, number, "We are looking into it", false);

        HttpResponse<String> forged = comment(bea, number, "I am an agent now", true);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(json(api.get(bea, path(number, ""))).path("comments")).extracting(c -> c.path("body").asString())
                .containsExactly("We are looking into it");
        assertThat(json(api.get(zoe, path(number, ""))).path("comments")).extracting(c -> c.path("body").asString())
                .containsExactly("internal: check billing first", "We are looking into it");
    }

    @Test
    void anotherAccountsTicketDoesNotExistForACustomerWhateverTheyTry() {
        CallerIdentity owner = customer("acct_owner_" + UUID.randomUUID());
        CallerIdentity stranger = customer("acct_stranger_" + UUID.randomUUID());
        String number = openTicket(owner, "normal");

        for (HttpResponse<String> response : List.of(api.get(stranger, path(number, "")),
                comment(stranger, number, "hello", false), status(stranger, number, "closed"),
                api.post(stranger, path(number, "/assignment"), "{}"))) {
            assertThat(response.statusCode()).as(response.body()).isIn(403, 404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(api.get(stranger, path(number, "")).statusCode()).isEqualTo(404);
        assertThat(json(api.get(stranger, "/api/tickets")).path("total").asLong()).isZero();
        assertThat(api.get(stranger, "/api/tickets/queue").statusCode()).isEqualTo(403);
        assertThat(json(api.get(owner, path(number, ""))).path("comments")).isEmpty();
        assertThat(json(api.get(owner, path(number, ""))).path("status").asString()).isEqualTo("open");
    }

    @Test
    void customersMayOnlyCloseOrReopenAResolvedTicketAndNothingMovesAClosedOne() {
        CallerIdentity cid = customer("acct_reopen_" + UUID.randomUUID());
        CallerIdentity zoe = agent("agent_zoe_" + UUID.randomUUID());
        String number = openTicket(cid, "normal");

        assertThat(status(cid, number, "in_progress").statusCode()).isEqualTo(409);
        assertThat(status(zoe, number, "closed").statusCode()).as("open cannot jump to closed").isEqualTo(409);
        assertThat(status(zoe, number, "archived").statusCode()).isEqualTo(400);
        assertThat(status(zoe, number, "resolved").statusCode()).isEqualTo(200);
        assertThat(status(cid, number, "open").statusCode()).as("reopened within the window").isEqualTo(200);
        assertThat(json(api.get(cid, path(number, ""))).path("status").asString()).isEqualTo("open");
        assertThat(status(zoe, number, "resolved").statusCode()).isEqualTo(200);
        assertThat(status(cid, number, "closed").statusCode()).isEqualTo(200);
        assertThat(comment(cid, number, "one more thing", false).statusCode()).isEqualTo(409);
    }

    @Test
    void customersListTheirTicketsByStatusPagedAndAgentsSeeTheQueueByDueTime() {
        String account = "acct_list_" + UUID.randomUUID();
        CallerIdentity dan = customer(account);
        CallerIdentity zoe = agent("agent_zoe_" + UUID.randomUUID());
        grant(account, 10);
        awaitLimit(dan);
        String low = created(api.create(dan, "low"));
        String urgent = created(api.create(dan, "urgent"));
        String normal = created(api.create(dan, "normal"));
        status(zoe, normal, "resolved");

        JsonNode open = json(api.get(dan, "/api/tickets?status=open&size=1&page=0"));
        assertThat(open.path("total").asLong()).isEqualTo(2);
        assertThat(open.path("items")).hasSize(1);
        assertThat(open.path("items").path(0).path("ticketNumber").asString()).isEqualTo(urgent);
        assertThat(json(api.get(dan, "/api/tickets?status=open&size=1&page=1")).path("items").path(0).path("ticketNumber")
                .asString()).isEqualTo(low);
        assertThat(json(api.get(dan, "/api/tickets?status=resolved")).path("items")).extracting(t -> t.path("ticketNumber")
                .asString()).containsExactly(normal);
        assertThat(api.get(dan, "/api/tickets?status=lost").statusCode()).isEqualTo(400);
        assertThat(api.get(dan, "/api/tickets?size=1000").statusCode()).isEqualTo(400);

        List<String> queue = json(api.get(zoe, "/api/tickets/queue?size=100")).path("items").valueStream()
                .map(t -> t.path("ticketNumber").asString()).filter(n -> List.of(low, urgent, normal).contains(n)).toList();
        assertThat(queue).as("urgent (8 h) is due before low (24 h); resolved is not waiting").containsExactly(urgent, low);
        List<Instant> dues = json(api.get(zoe, "/api/tickets/queue?size=100")).path("items").valueStream()
                .map(t -> Instant.parse(t.path("responseDueAt").asString())).toList();
        assertThat(dues).isSorted();
    }

    private String openTicket(CallerIdentity caller, String priority) {
        grant(caller.accountId(), 5);
        awaitLimit(caller);
        return created(api.create(caller, priority));
    }

    private void awaitLimit(CallerIdentity caller) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(json(api.get(caller, "/api/tickets/allowance/me"))
                .path("limit").asLong()).isPositive());
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("ticket").path("ticketNumber").asString();
    }

    private HttpResponse<String> comment(CallerIdentity caller, String number, String body, boolean internal) {
        return api.post(caller, path(number, "/comments"), TicketApi.JSON.writeValueAsString(
                java.util.Map.of("body", body, "internal", internal)));
    }

    private HttpResponse<String> status(CallerIdentity caller, String number, String to) {
        return api.post(caller, path(number, "/status"), "{\"status\":\"" + to + "\"}");
    }

    private static String path(String number, String tail) {
        return "/api/tickets/" + number + tail;
    }
}
