package dev.tollgate.subscription.signup;

import static dev.tollgate.subscription.SubscriptionApi.json;
import static dev.tollgate.subscription.SubscriptionApi.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.subscription.SubscriptionApi;
import dev.tollgate.subscription.SubscriptionApplication;
import tools.jackson.databind.JsonNode;

@SpringBootTest(classes = SubscriptionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + SubscriptionApplication.CONFIG_NAME, "tollgate.subscription.schedule-enabled=false" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class SignupTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource database;

    SubscriptionApi api;

    @BeforeEach
    void catalogIsKnown() {
        api = new SubscriptionApi(port, Clock.systemUTC());
        SubscriptionApi.publishCatalog();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM catalog_price").query(Long.class).single() > 0);
    }

    @Test
    void aSignupStartsTheFourteenDayTrialOfTheDefaultPlanWithoutACardAnsweringAsTheGuideShows() {
        Instant before = Instant.now();
        HttpResponse<String> response = api.signup(owner("acct_signup_ana", "ana@signup.test"), "monthly", "USD");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(body.path("message").asString()).isEqualTo("Trial started! You have 14 days to explore the platform.");
        JsonNode trial = body.path("subscription");
        assertThat(trial.path("status").asString()).isEqualTo("trialing");
        assertThat(trial.path("planId").asString()).isEqualTo("community");
        assertThat(trial.path("pricePerMonth").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(trial.path("pricePerMonthMinor").asLong()).isEqualTo(2000);
        assertThat(trial.path("currency").asString()).isEqualTo("usd");
        Instant trialEnd = Instant.parse(trial.path("trialEnd").asString());
        assertThat(trialEnd).isBetween(before.plus(Duration.ofDays(14)), Instant.now().plus(Duration.ofDays(14)));

        JsonNode mine = json(api.get(owner("acct_signup_ana", "ana@signup.test"), "/api/subscriptions/me"));
        assertThat(mine.path("isTrialPeriod").asBoolean()).isTrue();
        assertThat(mine.path("daysLeft").asLong()).isEqualTo(14);
        assertThat(mine.path("trialEnd").asString()).isEqualTo(trial.path("trialEnd").asString());
        assertThat(mine.path("currentPeriodStart").asString()).isEqualTo(mine.path("trialStart").asString());
        assertThat(mine.path("nextBillingDate").isNull()).as("no card: nothing is charged").isTrue();
        assertThat(mine.path("upgradePromptDue").asBoolean()).isFalse();

        List<ConsumerRecord<String, String>> events = Settled.publishedByVersion(database, List.of(), Topics.SUBSCRIPTION,
                "acct_signup_ana");
        assertThat(events).extracting(r -> TestKafka.header(r, CloudEventHeaders.TYPE)).containsExactly("subscription.trial_started.v1");
        assertThat(EventContract.violations("subscription.trial_started.v1", events.getFirst().value())).isEmpty();
        JsonNode event = SubscriptionApi.JSON.readTree(events.getFirst().value());
        assertThat(event.path("trialStart").asString()).isEqualTo(event.path("currentPeriodStart").asString());
        assertThat(event.path("email").asString()).isEqualTo("ana@signup.test");
    }

    @Test
    void anAnnualTrialShowsItsPricePerMonthAndAPesoTrialHasNoCents() {
        JsonNode annual = json(api.signup(owner("acct_signup_annual", "annual@signup.test"), "annual", "usd")).path("subscription");
        assertThat(annual.path("amountMinor").asLong()).isEqualTo(20000);
        assertThat(annual.path("pricePerMonth").decimalValue()).isEqualByComparingTo("16.67");
        JsonNode clp = json(api.signup(owner("acct_signup_clp", "clp@signup.test"), "monthly", "CLP")).path("subscription");
        assertThat(clp.path("pricePerMonth").decimalValue()).isEqualByComparingTo("18000");
    }

    @Test
    void aSecondTrialForTheAccountOrTheAddressIsAConflictProblem() {
        assertThat(api.signup(owner("acct_signup_twice", "twice@signup.test"), "monthly", "usd").statusCode()).isEqualTo(201);

        HttpResponse<String> again = api.signup(owner("acct_signup_twice", "twice@signup.test"), "monthly", "usd");
        HttpResponse<String> sameAddress = api.signup(owner("acct_signup_other", "TWICE@signup.test"), "monthly", "usd");

        for (HttpResponse<String> refused : List.of(again, sameAddress)) {
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(json(refused).path("detail").asString()).contains("trial");
        }
        assertThat(api.get(owner("acct_signup_other", "twice@signup.test"), "/api/subscriptions/me").statusCode()).isEqualTo(404);
    }

    @Test
    void twoSignupsWithOneAddressAtOnceStartOneTrial() {
        List<CompletableFuture<HttpResponse<String>>> both = Stream.of("acct_signup_race_1", "acct_signup_race_2")
                .map(account -> CompletableFuture.supplyAsync(() -> api.signup(owner(account, "race@signup.test"), "monthly", "usd")))
                .toList();

        assertThat(both.stream().map(f -> f.join().statusCode())).containsExactlyInAnyOrder(201, 409);
    }

    @Test
    void aBadCycleOrACurrencyThePlanIsNotSoldInIsABadRequestThatSaysWhatIsSold() {
        HttpResponse<String> cycle = api.signup(owner("acct_signup_bad", "bad@signup.test"), "weekly", "usd");
        HttpResponse<String> currency = api.signup(owner("acct_signup_bad", "bad@signup.test"), "annual", "clp");

        assertThat(cycle.statusCode()).isEqualTo(400);
        assertThat(json(cycle).path("detail").asString()).contains("monthly").contains("annual");
        assertThat(currency.statusCode()).isEqualTo(400);
        assertThat(json(currency).path("detail").asString()).contains("monthly CLP");
        assertThat(api.signup(owner("acct_signup_bad", "bad@signup.test"), "monthly", "usd").statusCode())
                .as("a refused request used no trial").isEqualTo(201);
    }
}
