package dev.tollgate.subscription.grant;

import static dev.tollgate.subscription.SubscriptionApi.admin;
import static dev.tollgate.subscription.SubscriptionApi.json;
import static dev.tollgate.subscription.SubscriptionApi.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.ControllableClock;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.subscription.BillingReports;
import dev.tollgate.subscription.SubscriptionApi;
import dev.tollgate.subscription.SubscriptionApplication;
import dev.tollgate.subscription.jobs.LifecycleJob;
import tools.jackson.databind.JsonNode;

/**
 * A completed Build Sprint purchase (the test catalog's {@code build_sprint} includes plan {@code pro}
 * for 6 months) makes the account Professional for 6 months and then returns it to what it has then,
 * with a clock the test moves; each purchase line counts once; a deposit starts the grant and the
 * second payment only completes it.
 */
@SpringBootTest(classes = SubscriptionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + SubscriptionApplication.CONFIG_NAME, "tollgate.subscription.schedule-enabled=false" })
@ContextConfiguration(initializers = RealInfrastructure.class)
@Import(ControllableClock.Configuration.class)
class BuildSprintGrantTest {

    static final ControllableClock CLOCK = ControllableClock.INSTANCE;

    @LocalServerPort
    int port;
    @Autowired
    LifecycleJob job;
    @Autowired
    DataSource database;
    @Autowired
    JdbcClient jdbc;

    SubscriptionApi api;

    @BeforeEach
    void start() {
        CLOCK.reset();
        api = new SubscriptionApi(port, CLOCK);
        SubscriptionApi.publishCatalog();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM catalog_grant_product").query(Long.class).single() > 0);
    }

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    @Test
    void aBuildSprintPurchaseMakesTheAccountProfessionalForSixMonthsThenItReturnsToItsOwnPlanOnce() {
        String account = account("full");
        List<String> sent = new ArrayList<>(List.of(communityActive(account)));
        Instant bought = now();
        sent.add(BillingReports.purchase(account, "cs_" + account, "build_sprint", "price_build_sprint_full", 1_250_000, bought));
        Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);

        JsonNode granted = me(account);
        assertThat(granted.path("planId").asString()).isEqualTo("pro");
        assertThat(granted.path("status").asString()).isEqualTo("active");
        assertThat(granted.path("freeTier").asBoolean()).isFalse();
        Instant end = bought.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC).plusMonths(6).toInstant();
        assertThat(Instant.parse(granted.path("currentPeriodEnd").asString())).isEqualTo(end);
        assertThat(granted.path("planGrant").path("payment").asString()).isEqualTo("paid_in_full");
        assertThat(granted.path("planGrant").path("planId").asString()).isEqualTo("pro");

        // A day before the end it still runs, however often the job runs.
        CLOCK.advance(Duration.between(now(), end).minus(Duration.ofDays(1)));
        job.run("schedule", null);
        assertThat(me(account).path("planId").asString()).isEqualTo("pro");
        CLOCK.advance(Duration.ofDays(2));
        LifecycleJob.RunResult ending = job.run("schedule", null);
        job.run("schedule", null);
        job.run("daily-sweep", null);

        JsonNode after = me(account);
        assertThat(after.path("planId").asString()).isEqualTo("community");
        assertThat(after.path("status").asString()).isEqualTo("active");
        assertThat(after.path("planGrant").path("status").asString()).isEqualTo("canceled");
        List<ConsumerRecord<String, String>> events = Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);
        assertThat(events).extracting(r -> TestKafka.header(r, CloudEventHeaders.TYPE)).containsExactly(
                "subscription.activated.v1", "subscription.plan_changed.v1", "subscription.plan_changed.v1");
        assertThat(events).extracting(r -> body(r).path("direction").asString()).containsExactly("", "upgrade", "downgrade");
        assertThat(events).extracting(r -> body(r).path("planId").asString()).containsExactly("community", "pro", "community");
        events.forEach(r -> assertThat(EventContract.violations(TestKafka.header(r, CloudEventHeaders.TYPE), r.value())).isEmpty());
        assertThat(ending.grantsEnded()).as("the run that ended it says so").isPositive();
        assertThat(jdbc.sql("SELECT grants_ended FROM job_run WHERE id = :id").param("id", ending.runId()).query(Integer.class)
                .single()).as("and its job log row, which admins read").isEqualTo(ending.grantsEnded());
    }

    @Test
    void anAccountWithoutAPlanGetsProfessionalAndFallsBackToTheFreeTierAtTheEnd() {
        String account = account("none");
        Instant bought = now();
        List<String> sent = List.of(
                BillingReports.purchase(account, "cs_" + account, "build_sprint", "price_build_sprint_discounted", 1_125_000, bought));
        Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);
        assertThat(me(account).path("planId").asString()).isEqualTo("pro");

        CLOCK.advance(Duration.ofDays(200));
        job.run("schedule", null);

        JsonNode after = me(account);
        assertThat(after.path("status").asString()).isEqualTo("canceled");
        assertThat(after.path("freeTier").asBoolean()).isTrue();
        List<ConsumerRecord<String, String>> events = Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);
        assertThat(events).extracting(r -> TestKafka.header(r, CloudEventHeaders.TYPE)).containsExactly(
                "subscription.activated.v1", "subscription.canceled.v1");
        assertThat(body(events.getFirst()).path("firstActivation").asBoolean()).as("a grant is no payment").isFalse();
        assertThat(body(events.getLast()).path("reason").asString()).isEqualTo("grant_ended");
        assertThat(body(events.getLast()).path("freeTier").asBoolean()).isTrue();
    }

    @Test
    void aDuplicatedPurchaseIsAppliedOnceWhateverIdItArrivesWith() {
        String account = account("dup");
        List<String> sent = new ArrayList<>(List.of(communityActive(account)));
        Instant bought = now();
        String first = BillingReports.purchase(account, "cs_" + account, "build_sprint", "price_build_sprint_full", 1_250_000, bought);
        sent.add(first);
        BillingReports.purchase(first, account, "cs_" + account, "build_sprint", "price_build_sprint_full", 1_250_000, bought);
        sent.add(BillingReports.purchase(account, "cs_" + account, "build_sprint", "price_build_sprint_full", 1_250_000,
                bought.plusSeconds(5)));

        List<ConsumerRecord<String, String>> events = Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);
        assertThat(events).extracting(r -> TestKafka.header(r, CloudEventHeaders.TYPE)).containsExactly(
                "subscription.activated.v1", "subscription.plan_changed.v1");
        assertThat(jdbc.sql("SELECT count(*) FROM plan_grant WHERE account_id = :a").param("a", account).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void aDepositStartsTheGrantAndTheSecondPaymentMakesItPaidInFullWithoutMovingItsEnd() {
        String account = account("deposit");
        Instant deposit = now();
        List<String> sent = new ArrayList<>(List.of(
                BillingReports.purchase(account, "cs_d_" + account, "build_sprint", "price_build_sprint_deposit", 625_000, deposit)));
        Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);
        JsonNode deposited = me(account);
        assertThat(deposited.path("planId").asString()).isEqualTo("pro");
        assertThat(deposited.path("planGrant").path("payment").asString()).isEqualTo("deposit_paid");
        assertThat(deposited.path("planGrant").path("paidMinor").asLong()).isEqualTo(625_000);
        String end = deposited.path("planGrant").path("endsAt").asString();

        CLOCK.advance(Duration.ofDays(40));
        sent.add(BillingReports.purchase(account, "cs_s_" + account, "build_sprint", "price_build_sprint_second", 625_000, now()));
        List<ConsumerRecord<String, String>> events = Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);

        JsonNode paid = me(account);
        assertThat(paid.path("planGrant").path("payment").asString()).isEqualTo("paid_in_full");
        assertThat(paid.path("planGrant").path("paidMinor").asLong()).isEqualTo(1_250_000);
        assertThat(paid.path("planGrant").path("endsAt").asString()).isEqualTo(end);
        assertThat(events).as("the second payment changes no plan").hasSize(1);
        JsonNode detail = json(api.get(admin("ops_" + account), "/api/subscriptions/admin/accounts/" + account));
        assertThat(detail.path("grants").get(0).path("payment").asString()).isEqualTo("paid_in_full");
        assertThat(detail.path("grants").get(0).path("productId").asString()).isEqualTo("build_sprint");
        assertThat(detail.path("account").path("source").asString()).isEqualTo("grant");
    }

    @Test
    void theAccountsOwnPlanChangeDuringTheGrantIsWhatItHasWhenTheGrantEnds() {
        String account = account("change");
        List<String> sent = new ArrayList<>(List.of(communityActive(account)));
        sent.add(BillingReports.purchase(account, "cs_" + account, "build_sprint", "price_build_sprint_full", 1_250_000, now()));
        Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);

        // Two months in, the customer pays for Professional themselves: the same plan, now their own.
        CLOCK.advance(Duration.ofDays(60));
        Instant upgraded = now().truncatedTo(ChronoUnit.SECONDS);
        sent.add(BillingReports.send(account, "sub_" + account, "pro", "active", upgraded, null, null,
                upgraded.plus(Duration.ofDays(30)), "month", 9900, "usd"));
        Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);
        JsonNode own = me(account);
        assertThat(own.path("planId").asString()).isEqualTo("pro");
        assertThat(own.path("subscriptionId").asString()).as("the account's own subscription speaks").isEqualTo("sub_" + account);
        assertThat(own.path("amountMinor").asLong()).isEqualTo(9900);

        CLOCK.advance(Duration.ofDays(150));
        job.run("schedule", null);

        assertThat(me(account).path("planId").asString()).isEqualTo("pro");
        List<ConsumerRecord<String, String>> events = Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);
        assertThat(events).extracting(r -> TestKafka.header(r, CloudEventHeaders.TYPE)).as("nothing changes at the grant's end")
                .containsExactly("subscription.activated.v1", "subscription.plan_changed.v1");
    }

    private String communityActive(String account) {
        Instant at = now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        return BillingReports.send(account, "sub_" + account, "community", "active", at, null, null, at.plus(Duration.ofDays(30)),
                "month", 2000, "usd");
    }

    private JsonNode me(String account) {
        return json(api.get(owner(account, null), "/api/subscriptions/me"));
    }

    private static Instant now() {
        return CLOCK.instant();
    }

    private static JsonNode body(ConsumerRecord<String, String> record) {
        return SubscriptionApi.JSON.readTree(record.value());
    }

    private static String account(String name) {
        return "acct_sprint_" + name + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
