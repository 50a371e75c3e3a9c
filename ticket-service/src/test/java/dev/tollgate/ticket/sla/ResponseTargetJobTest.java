package dev.tollgate.ticket.sla;

import static dev.tollgate.ticket.TicketApi.customer;
import static dev.tollgate.ticket.TicketApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.ControllableClock;
import dev.tollgate.platform.test.EntitlementProjectionContract;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.ticket.TicketApi;
import dev.tollgate.ticket.TicketApplication;

/**
 * Two replicas of ticket-service on one database (this test's context and a second process started
 * beside it), both running the response-target job at the same moments: each notice and each breach
 * is published once.
 */
@SpringBootTest(classes = TicketApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + TicketApplication.CONFIG_NAME, "tollgate.tickets.response-due-lead=1h" })
@ContextConfiguration(initializers = RealInfrastructure.class)
@Import(ControllableClock.Configuration.class)
class ResponseTargetJobTest {

    static final ControllableClock CLOCK = ControllableClock.INSTANCE;
    static ConfigurableApplicationContext secondReplica;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    DataSource database;

    @Autowired
    ResponseTargetJob job;

    @Autowired
    Environment environment;

    TicketApi api;

    @BeforeEach
    void start() {
        CLOCK.reset();
        api = new TicketApi(port, CLOCK);
        if (secondReplica == null) {
            List<String> args = new ArrayList<>(List.of("--spring.config.name=" + TicketApplication.CONFIG_NAME, "--server.port=0",
                    "--management.server.port=0"));
            for (String property : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                    "spring.kafka.bootstrap-servers", "tollgate.tickets.response-due-lead")) {
                args.add("--" + property + "=" + environment.getRequiredProperty(property));
            }
            secondReplica = new SpringApplicationBuilder(TicketApplication.class, ControllableClock.Configuration.class)
                    .run(args.toArray(String[]::new));
        }
    }

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    @AfterAll
    static void stopSecondReplica() {
        if (secondReplica != null) {
            secondReplica.close();
        }
    }

    @Test
    void twoReplicasAnnounceEachDueResponseAndEachBreachOnceAndTheMetricsShowTheBreachRate() throws Exception {
        String account = "acct_sla_" + UUID.randomUUID();
        CallerIdentity caller = customer(account);
        CallerIdentity agent = TicketApi.agent("agent_" + UUID.randomUUID());
        EntitlementProjectionContract.sendGrant(null, account, 1, Instant.now(), TicketApi.ticketFeatures(5));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(json(api.get(caller, "/api/tickets/allowance/me"))
                .path("limit").asLong()).isEqualTo(5));
        String urgent = number(api.create(caller, "urgent"));
        String unanswered = number(api.create(caller, "normal"));
        String answered = number(api.create(caller, "normal"));
        assertThat(api.post(agent, "/api/tickets/" + answered + "/comments", "{\"body\":\"On it\"}").statusCode()).isEqualTo(201);

        ResponseTargetJob other = secondReplica.getBean(ResponseTargetJob.class);
        CLOCK.advance(Duration.ofHours(7).plusMinutes(30));
        runTogether(job, other);
        CLOCK.advance(Duration.ofMinutes(31));
        runTogether(job, other);
        CLOCK.advance(Duration.ofHours(17));
        runTogether(job, other);

        List<ConsumerRecord<String, String>> published = Settled.publishedByVersion(database, List.of(), Topics.TICKET, account);
        assertThat(numbersOf(published, "ticket.response_due.v1")).containsExactly(urgent);
        assertThat(numbersOf(published, "ticket.sla_breached.v1")).containsExactlyInAnyOrder(urgent, unanswered);
        published.forEach(r -> assertThat(EventContract.violations(TestKafka.header(r, CloudEventHeaders.TYPE), r.value())).isEmpty());
        assertThat(json(api.get(caller, "/api/tickets/" + urgent)).path("slaBreached").asBoolean()).isTrue();
        assertThat(json(api.get(caller, "/api/tickets/" + answered)).path("slaBreached").asBoolean()).isFalse();

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(gauge(metrics, "tollgate_tickets_sla_breach_ratio")).as("2 of the 3 tickets due missed their target")
                .isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(0.001));
        assertThat(gauge(metrics, "tollgate_tickets_first_response_median_seconds")).isBetween(0.0, 60.0);
    }

    /** Both replicas, each through its ShedLock-guarded entry and its bare check, all at once, twice. */
    private static void runTogether(ResponseTargetJob first, ResponseTargetJob second) throws Exception {
        for (int round = 0; round < 2; round++) {
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                List<Future<?>> runs = new ArrayList<>();
                for (ResponseTargetJob job : List.of(first, second)) {
                    runs.add(pool.submit(() -> {
                        start.await();
                        job.runOnOneReplica();
                        return null;
                    }));
                    runs.add(pool.submit(() -> {
                        start.await();
                        job.check();
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> run : runs) {
                    run.get();
                }
            }
        }
    }

    private static List<String> numbersOf(List<ConsumerRecord<String, String>> published, String type) {
        return published.stream().filter(r -> type.equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
                .map(r -> TicketApi.JSON.readTree(r.value()).path("ticketNumber").asString()).toList();
    }

    private static String number(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("ticket").path("ticketNumber").asString();
    }

    private static double gauge(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{[^}]*\\} (\\S+)$").matcher(metrics);
        assertThat(matcher.find()).as(name + " in\n" + metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
