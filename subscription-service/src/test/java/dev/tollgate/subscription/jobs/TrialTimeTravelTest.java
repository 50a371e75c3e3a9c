package dev.tollgate.subscription.jobs;

import static dev.tollgate.subscription.SubscriptionApi.json;
import static dev.tollgate.subscription.SubscriptionApi.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.ControllableClock;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.subscription.SubscriptionApi;
import dev.tollgate.subscription.SubscriptionApplication;
import tools.jackson.databind.JsonNode;

/**
 * Time travel with a clock the test moves: a trial signed up on day 0 gets its reminders at 7, 3 and
 * 1 days left and expires on day 14, each exactly once, whether one instance runs the job every few
 * hours, the service restarts in between (a new application context on the same database), or two
 * instances run it at the same moments.
 */
@SpringBootTest(classes = SubscriptionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + SubscriptionApplication.CONFIG_NAME, "tollgate.subscription.schedule-enabled=false" })
@ContextConfiguration(initializers = RealInfrastructure.class)
@Import(ControllableClock.Configuration.class)
class TrialTimeTravelTest {

    static final ControllableClock CLOCK = ControllableClock.INSTANCE;
    static final List<String> EXPECTED = List.of("subscription.trial_started.v1", "subscription.trial_expiring.v1",
            "subscription.trial_expiring.v1", "subscription.trial_expiring.v1", "subscription.trial_expired.v1",
            "subscription.canceled.v1");

    @LocalServerPort
    int port;
    @Autowired
    LifecycleJob job;
    @Autowired
    DataSource database;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;

    SubscriptionApi api;

    @BeforeEach
    void start() {
        CLOCK.reset();
        api = new SubscriptionApi(port, CLOCK);
        SubscriptionApi.publishCatalog();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM catalog_price").query(Long.class).single() > 0);
    }

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    @Test
    void aTrialGetsItsRemindersAtSevenThreeAndOneDaysLeftAndExpiresOnDayFourteenEachOnce() {
        String account = signup();
        JsonNode dayZero = json(api.get(owner(account, null), "/api/subscriptions/me"));
        assertThat(dayZero.path("daysLeft").asLong()).isEqualTo(14);

        // Every 6 hours for 15 days, twice per moment: nothing is repeated.
        for (int step = 1; step <= 15 * 4; step++) {
            CLOCK.advance(Duration.ofHours(6));
            job.run("schedule", null);
            job.run("schedule", null);
            if (step == 7 * 4 + 1) {
                assertThat(json(api.get(owner(account, null), "/api/subscriptions/me")).path("daysLeft").asLong()).isEqualTo(7);
            }
        }

        assertOnceEach(account);
        JsonNode expired = json(api.get(owner(account, null), "/api/subscriptions/me"));
        assertThat(expired.path("status").asString()).isEqualTo("expired");
        assertThat(expired.path("isTrialPeriod").asBoolean()).isFalse();
        assertThat(expired.path("upgradePromptDue").asBoolean()).isTrue();
        assertThat(expired.path("freeTier").asBoolean()).isTrue();
    }

    @Test
    void aRestartInTheMiddleRepeatsNothingAndMissesNothing() {
        String account = signup();
        runDaily(job, 0, 9);

        try (ConfigurableApplicationContext restarted = startAnotherInstance()) {
            LifecycleJob afterRestart = restarted.getBean(LifecycleJob.class);
            afterRestart.run("daily-sweep", null);
            runDaily(afterRestart, 10, 15);
        }

        assertOnceEach(account);
    }

    @Test
    void twoInstancesOnOneDatabaseRunningTogetherPublishEachReminderAndTheExpiryOnce() throws Exception {
        String account = signup();
        try (ConfigurableApplicationContext second = startAnotherInstance()) {
            LifecycleJob other = second.getBean(LifecycleJob.class);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int day = 1; day <= 15; day++) {
                    CLOCK.advance(Duration.ofDays(1));
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<?>> runs = new ArrayList<>();
                    for (LifecycleJob instance : List.of(job, other)) {
                        runs.add(pool.submit(() -> {
                            go.await();
                            // Both bypass ShedLock on purpose: exactness must not depend on it.
                            return instance.run("schedule", null);
                        }));
                    }
                    go.countDown();
                    for (Future<?> run : runs) {
                        run.get();
                    }
                    // And the way the schedule runs it, through the lock.
                    job.runOnOneReplica("schedule", null);
                    other.runOnOneReplica("schedule", null);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        assertOnceEach(account);
    }

    @Test
    void pastDueKeepsThePlanForTheGracePeriodThenAccessStopsOnce() {
        String account = "acct_tt_grace_" + UUID.randomUUID().toString().substring(0, 8);
        java.time.Instant t0 = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.time.Instant periodEnd = t0.plus(Duration.ofDays(30));
        List<String> sent = List.of(
                dev.tollgate.subscription.BillingReports.send(account, "sub_" + account, "community", "active", t0.minusSeconds(60),
                        null, null, periodEnd, "month", 2000, "usd"),
                dev.tollgate.subscription.BillingReports.send(account, "sub_" + account, "community", "past_due", t0, null, null,
                        periodEnd, "month", 2000, "usd"));
        Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);

        CLOCK.advance(Duration.ofDays(6));
        job.run("schedule", null);
        assertThat(json(api.get(owner(account, null), "/api/subscriptions/me")).path("status").asString()).isEqualTo("past_due");
        CLOCK.advance(Duration.ofDays(1).plusMinutes(1));
        job.run("schedule", null);
        job.run("daily-sweep", null);

        List<ConsumerRecord<String, String>> events = Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);
        assertThat(events).extracting(r -> TestKafka.header(r, CloudEventHeaders.TYPE)).containsExactly(
                "subscription.activated.v1", "subscription.past_due.v1", "subscription.past_due.v1");
        JsonNode accessStopped = SubscriptionApi.JSON.readTree(events.getLast().value());
        assertThat(accessStopped.path("status").asString()).isEqualTo("unpaid");
        assertThat(accessStopped.path("freeTier").asBoolean()).isTrue();
        assertThat(json(api.get(owner(account, null), "/api/subscriptions/me")).path("freeTier").asBoolean()).isTrue();
    }

    private String signup() {
        String account = "acct_tt_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.signup(owner(account, account + "@time.test"), "monthly", "usd").statusCode()).isEqualTo(201);
        return account;
    }

    /** Moves the clock to each of the days {@code from}..{@code to} after signup and runs the job there. */
    private static void runDaily(LifecycleJob instance, int from, int to) {
        for (int day = from; day <= to; day++) {
            CLOCK.reset();
            CLOCK.advance(Duration.ofDays(day).plusMinutes(1));
            instance.run("schedule", null);
        }
    }

    private void assertOnceEach(String account) {
        List<ConsumerRecord<String, String>> events = Settled.publishedByVersion(database, List.of(), Topics.SUBSCRIPTION, account);
        assertThat(events).extracting(r -> TestKafka.header(r, CloudEventHeaders.TYPE)).containsExactlyElementsOf(EXPECTED);
        assertThat(events.subList(1, 4)).extracting(r -> SubscriptionApi.JSON.readTree(r.value()).path("daysLeft").asInt())
                .containsExactly(7, 3, 1);
        assertThat(events).extracting(r -> SubscriptionApi.JSON.readTree(r.value()).path("version").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(SubscriptionApi.JSON.readTree(events.getLast().value()).path("reason").asString()).isEqualTo("trial_expired");
        events.forEach(r -> assertThat(EventContract.violations(TestKafka.header(r, CloudEventHeaders.TYPE), r.value())).isEmpty());
        assertThat(jdbc.sql("SELECT count(*) FROM job_run WHERE outcome = 'succeeded'").query(Long.class).single()).isPositive();
    }

    private ConfigurableApplicationContext startAnotherInstance() {
        List<String> args = new ArrayList<>(List.of("--spring.config.name=" + SubscriptionApplication.CONFIG_NAME, "--server.port=0",
                "--management.server.port=0",
                "--tollgate.subscription.schedule-enabled=false"));
        for (String property : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.kafka.bootstrap-servers")) {
            args.add("--" + property + "=" + environment.getRequiredProperty(property));
        }
        return new SpringApplicationBuilder(SubscriptionApplication.class, ControllableClock.Configuration.class)
                .run(args.toArray(String[]::new));
    }
}
