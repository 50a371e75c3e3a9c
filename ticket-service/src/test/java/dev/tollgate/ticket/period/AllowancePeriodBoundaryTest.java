package dev.tollgate.ticket.period;

import static dev.tollgate.ticket.TicketApi.customer;
import static dev.tollgate.ticket.TicketApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.ControllableClock;
import dev.tollgate.platform.test.EntitlementProjectionContract;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.ticket.TicketApi;
import dev.tollgate.ticket.TicketApplication;
import tools.jackson.databind.JsonNode;

@SpringBootTest(classes = TicketApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + TicketApplication.CONFIG_NAME)
@ContextConfiguration(initializers = RealInfrastructure.class)
@Import(ControllableClock.Configuration.class)
class AllowancePeriodBoundaryTest {

    static final ControllableClock CLOCK = ControllableClock.INSTANCE;

    @LocalServerPort
    int port;

    @Autowired
    DataSource database;

    TicketApi api;

    @BeforeEach
    void api() {
        CLOCK.reset();
        api = new TicketApi(port, CLOCK);
    }

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    @Test
    void theAllowanceResetsOnceWhenTheClockCrossesTheSubscriptionsPeriodBoundary() {
        String account = "acct_boundary_" + UUID.randomUUID();
        CallerIdentity caller = customer(account);
        Instant boundary = CLOCK.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Instant nextBoundary = boundary.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        TicketApi.sendSubscription(account, 1, "community", "active", boundary);
        EntitlementProjectionContract.sendGrant(null, account, 1, Instant.now(), TicketApi.ticketFeatures(5));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode allowance = json(api.get(caller, "/api/tickets/allowance/me"));
            assertThat(allowance.path("limit").asLong()).isEqualTo(5);
            assertThat(allowance.path("resetsAt").asString()).isEqualTo(boundary.toString());
        });

        createUntilRefused(caller, 5, boundary);

        CLOCK.advance(Duration.ofDays(2).plusMinutes(1));
        JsonNode renewed = json(api.get(caller, "/api/tickets/allowance/me"));
        assertThat(renewed.path("used").asLong()).isZero();
        assertThat(renewed.path("remaining").asLong()).isEqualTo(5);
        assertThat(renewed.path("periodStart").asString()).isEqualTo(boundary.toString());
        assertThat(renewed.path("resetsAt").asString()).isEqualTo(nextBoundary.toString());
        createUntilRefused(caller, 5, nextBoundary);

        CLOCK.advance(Duration.ofDays(10));
        JsonNode later = json(api.get(caller, "/api/tickets/allowance/me"));
        assertThat(later.path("used").asLong()).as("still the same period: no second reset").isEqualTo(5);
        assertThat(api.create(caller, "normal").statusCode()).isEqualTo(429);

        List<ConsumerRecord<String, String>> published = Settled.publishedByVersion(database, List.of(), Topics.TICKET, account);
        assertThat(published).filteredOn(r -> "ticket.quota_exceeded.v1".equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .extracting(r -> TicketApi.JSON.readTree(r.value()).path("resetsAt").asString())
                .as("one per period").containsExactly(boundary.toString(), nextBoundary.toString());
    }

    @Test
    void duringATrialTheAllowancePeriodStartsWhenTheTrialStarted() {
        String account = "acct_trial_period_" + UUID.randomUUID();
        CallerIdentity caller = customer(account);
        Instant trialStart = CLOCK.instant().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant trialEnd = trialStart.plus(Duration.ofDays(14));
        TicketApi.sendSubscription(account, 1, "community", "trialing", trialStart, trialEnd);
        EntitlementProjectionContract.sendGrant(null, account, 1, Instant.now(), TicketApi.ticketFeatures(5));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode allowance = json(api.get(caller, "/api/tickets/allowance/me"));
            assertThat(allowance.path("limit").asLong()).isEqualTo(5);
            assertThat(allowance.path("periodStart").asString()).as("not a month before the trial's end").isEqualTo(trialStart.toString());
            assertThat(allowance.path("resetsAt").asString()).isEqualTo(trialEnd.toString());
        });
    }

    @Test
    void aResolvedTicketCanBeReopenedWithinTheWindowOnly() {
        String account = "acct_window_" + UUID.randomUUID();
        CallerIdentity caller = customer(account);
        CallerIdentity agent = TicketApi.agent("agent_" + UUID.randomUUID());
        EntitlementProjectionContract.sendGrant(null, account, 1, Instant.now(), TicketApi.ticketFeatures(5));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(json(api.get(caller, "/api/tickets/allowance/me"))
                .path("limit").asLong()).isEqualTo(5));
        String first = json(api.create(caller, "normal")).path("ticket").path("ticketNumber").asString();
        String second = json(api.create(caller, "normal")).path("ticket").path("ticketNumber").asString();
        for (String number : List.of(first, second)) {
            assertThat(api.post(agent, "/api/tickets/" + number + "/status", "{\"status\":\"resolved\"}").statusCode()).isEqualTo(200);
        }

        CLOCK.advance(Duration.ofDays(6));
        assertThat(api.post(caller, "/api/tickets/" + first + "/status", "{\"status\":\"open\"}").statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofDays(2));
        var late = api.post(caller, "/api/tickets/" + second + "/status", "{\"status\":\"open\"}");

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(json(late).path("detail").asString()).contains("can no longer be reopened");
    }

    private void createUntilRefused(CallerIdentity caller, int allowed, Instant resetsAt) {
        for (int i = 0; i < allowed; i++) {
            var created = api.create(caller, "normal");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        var refused = api.create(caller, "normal");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).path("resetsAt").asString()).isEqualTo(resetsAt.toString());
    }
}
