package dev.tollgate.ticket.desk;

import static dev.tollgate.ticket.TicketApi.customer;
import static dev.tollgate.ticket.TicketApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.EntitlementProjectionContract;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.ticket.TicketApi;
import dev.tollgate.ticket.TicketApplication;
import tools.jackson.databind.JsonNode;

@SpringBootTest(classes = TicketApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + TicketApplication.CONFIG_NAME)
@ContextConfiguration(initializers = RealInfrastructure.class)
class TicketQuotaTest {

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
    void twoHundredConcurrentCreationsAgainstAnAllowanceOfFiveCreateFiveConsecutiveNumbersAndOneQuotaExceeded() throws Exception {
        String account = "acct_rush_" + UUID.randomUUID();
        CallerIdentity caller = customer(account);
        Instant periodEnd = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        TicketApi.sendSubscription(account, 1, "community", "active", periodEnd);
        grant(account, 5);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(json(api.get(caller, "/api/tickets/allowance/me"))
                .path("resetsAt").asString()).isEqualTo(periodEnd.toString()));

        List<HttpResponse<String>> responses = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(200)) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return api.create(caller, "normal");
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> call : calls) {
                responses.add(call.get());
            }
        }

        List<HttpResponse<String>> created = responses.stream().filter(r -> r.statusCode() == 201).toList();
        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(created).hasSize(5);
        assertThat(refused).hasSize(195);
        List<Long> numbers = created.stream().map(r -> json(r).path("ticket").path("ticketNumber").asString())
                .peek(number -> assertThat(number).matches("LATAM-\\d{5}"))
                .map(number -> Long.parseLong(number.substring("LATAM-".length()))).sorted().toList();
        assertThat(numbers).doesNotHaveDuplicates();
        assertThat(numbers.getLast() - numbers.getFirst()).as("consecutive: " + numbers).isEqualTo(4);
        JsonNode problem = json(refused.getFirst());
        assertThat(refused.getFirst().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("limit").asLong()).isEqualTo(5);
        assertThat(problem.path("used").asLong()).isEqualTo(5);
        assertThat(problem.path("resetsAt").asString()).isEqualTo(periodEnd.toString());
        assertThat(refused.getFirst().headers().firstValue("Retry-After")).isPresent();

        List<ConsumerRecord<String, String>> published = Settled.publishedByVersion(database, List.of(), Topics.TICKET, account);
        assertThat(published).filteredOn(r -> type(r).equals("ticket.created.v1")).hasSize(5);
        List<ConsumerRecord<String, String>> exceeded = published.stream().filter(r -> type(r).equals("ticket.quota_exceeded.v1"))
                .toList();
        assertThat(exceeded).singleElement().satisfies(event -> assertThat(event.value())
                .contains("\"limit\":5", "\"used\":5", "\"resetsAt\":\"" + periodEnd + "\""));
        published.forEach(r -> assertThat(EventContract.violations(type(r), r.value())).isEmpty());

        JsonNode allowance = json(api.get(caller, "/api/tickets/allowance/me"));
        assertThat(allowance.path("limit").asLong()).isEqualTo(5);
        assertThat(allowance.path("used").asLong()).isEqualTo(5);
        assertThat(allowance.path("remaining").asLong()).isZero();
    }

    @Test
    void aCreatedTicketAnswersWithItsNumberAndTheGuidesMessageAndHighPriorityGetsEightHours() {
        String account = "acct_first_" + UUID.randomUUID();
        CallerIdentity caller = customer(account);
        grant(account, 5);
        awaitLimit(caller, 5);

        HttpResponse<String> normal = api.create(caller, "normal");
        HttpResponse<String> urgent = api.create(caller, "urgent");

        assertThat(normal.statusCode()).as(normal.body()).isEqualTo(201);
        String number = json(normal).path("ticket").path("ticketNumber").asString();
        assertThat(normal.headers().firstValue("Location")).hasValue("/api/tickets/" + number);
        assertThat(json(normal).path("ticket").path("status").asString()).isEqualTo("open");
        assertThat(json(normal).path("message").asString()).isEqualTo("Ticket " + number + " created. We'll respond within 24 hours.");
        assertThat(json(urgent).path("message").asString()).endsWith("We'll respond within 8 hours.");
        JsonNode ticket = json(urgent).path("ticket");
        assertThat(Duration.between(Instant.parse(ticket.path("createdAt").asString()),
                Instant.parse(ticket.path("responseDueAt").asString()))).isEqualTo(Duration.ofHours(8));
        JsonNode allowance = json(api.get(caller, "/api/tickets/allowance/me"));
        assertThat(allowance.path("used").asLong()).isEqualTo(2);
        assertThat(allowance.path("remaining").asLong()).isEqualTo(3);
        assertThat(allowance.path("planId").asString()).isEqualTo("community");
    }

    @Test
    void anUnlimitedAllowanceNeverRefuses() {
        String account = "acct_unlimited_" + UUID.randomUUID();
        CallerIdentity caller = customer(account);
        grant(account, -1);
        awaitLimit(caller, -1);

        for (int i = 0; i < 8; i++) {
            assertThat(api.create(caller, "low").statusCode()).isEqualTo(201);
        }
        JsonNode allowance = json(api.get(caller, "/api/tickets/allowance/me"));
        assertThat(allowance.path("used").asLong()).isEqualTo(8);
        assertThat(allowance.path("remaining").asLong()).isEqualTo(-1);
    }

    @Test
    void anAccountWithoutPrioritySupportIsRefusedWithAProblemNamingThePlanToBuy() {
        CallerIdentity caller = customer("acct_free_" + UUID.randomUUID());

        HttpResponse<String> refused = api.create(caller, "normal");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(refused).path("detail").asString()).contains("Community Edition");
    }

    @Test
    void aMalformedTicketIsABadRequestProblem() {
        String account = "acct_sloppy_" + UUID.randomUUID();
        CallerIdentity caller = customer(account);
        grant(account, 5);
        awaitLimit(caller, 5);

        HttpResponse<String> noSubject = api.post(caller, "/api/tickets", """
                {"description":"d","category":"question","priority":"normal"}""");
        HttpResponse<String> badCategory = api.post(caller, "/api/tickets", """
                {"subject":"s","description":"d","category":"complaint","priority":"normal"}""");
        HttpResponse<String> notJson = api.post(caller, "/api/tickets", "{");

        for (HttpResponse<String> response : List.of(noSubject, badCategory, notJson)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(json(badCategory).path("detail").asString()).contains("complaint");
        assertThat(json(api.get(caller, "/api/tickets/allowance/me")).path("used").asLong()).isZero();
    }

    private void awaitLimit(CallerIdentity caller, long limit) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(json(api.get(caller, "/api/tickets/allowance/me"))
                .path("limit").asLong()).isEqualTo(limit));
    }

    static void grant(String account, long limit) {
        EntitlementProjectionContract.sendGrant(null, account, 1, Instant.now(), TicketApi.ticketFeatures(limit));
    }

    static String type(ConsumerRecord<String, String> record) {
        return TestKafka.header(record, CloudEventHeaders.TYPE);
    }
}
