package dev.tollgate.entitlement.meter;

import static dev.tollgate.entitlement.EntitlementApi.customer;
import static dev.tollgate.entitlement.EntitlementApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tollgate.entitlement.EntitlementApi;
import dev.tollgate.entitlement.EntitlementServiceTest;
import dev.tollgate.entitlement.catalog.BillingsCatalog;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.ControllableClock;
import tools.jackson.databind.JsonNode;

/**
 * Metering through the HTTP API against real PostgreSQL: the plan 'metered' of the test catalog
 * grants api_calls 5 a month, seats 5 (a gauge) and 100 AI tokens a month.
 */
@EntitlementServiceTest
class MeteringTest {

    static final ControllableClock CLOCK = ControllableClock.INSTANCE;

    @LocalServerPort
    int port;

    EntitlementApi api;

    @BeforeAll
    static void billingPublishedItsCatalog() {
        BillingsCatalog.publish();
    }

    @BeforeEach
    void api() {
        CLOCK.reset();
        api = new EntitlementApi(port, CLOCK);
    }

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    @Test
    void twoHundredParallelConsumesAgainstALimitOfFiveGrantExactlyFive() {
        CallerIdentity caller = subscribed("acct_race_");

        long started = System.nanoTime();
        List<HttpResponse<String>> responses = inParallel(200, i -> api.consume(caller, "api_calls", 1, null));
        // Observed, never asserted: a number for the README, not a pass/fail criterion.
        System.out.printf("OBSERVED 200 parallel consumes over HTTP took %d ms%n", (System.nanoTime() - started) / 1_000_000);

        assertThat(responses).filteredOn(response -> response.statusCode() == 200).hasSize(5);
        assertThat(responses).filteredOn(response -> response.statusCode() == 429).hasSize(195);
        JsonNode meter = api.usage(caller, "api_calls");
        assertThat(meter.path("used").asLong()).isEqualTo(5);
        assertThat(meter.path("remaining").asLong()).isZero();
    }

    @Test
    void aDenialIsA429ProblemWithLimitUsedRemainingResetTimeAndRetryAfter() {
        Instant periodEnd = CLOCK.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        CallerIdentity caller = subscribed("acct_denial_", periodEnd);
        assertThat(api.consume(caller, "api_calls", 4, null).statusCode()).isEqualTo(200);

        HttpResponse<String> denied = api.consume(caller, "api_calls", 2, null);

        assertThat(denied.statusCode()).isEqualTo(429);
        assertThat(denied.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(denied.headers().firstValue("Retry-After")).isPresent();
        JsonNode problem = json(denied);
        assertThat(problem.path("limit").asLong()).isEqualTo(5);
        assertThat(problem.path("used").asLong()).isEqualTo(4);
        assertThat(problem.path("remaining").asLong()).isEqualTo(1);
        assertThat(problem.path("resetsAt").asString()).isEqualTo(periodEnd.toString());
        assertThat(api.consume(caller, "api_calls", 1, null).statusCode()).as("what is left can still be used").isEqualTo(200);
    }

    @Test
    void aRepeatedIdempotencyKeyConsumesOnceAlsoWhenTheRepeatsRace() {
        CallerIdentity caller = subscribed("acct_idem_");
        String key = "req-" + UUID.randomUUID();

        List<HttpResponse<String>> responses = inParallel(50, i -> api.consume(caller, "api_calls", 2, key));

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(responses).filteredOn(response -> !json(response).path("repeated").asBoolean()).hasSize(1);
        assertThat(api.usage(caller, "api_calls").path("used").asLong()).isEqualTo(2);
        assertThat(api.consume(caller, "api_calls", 3, key).statusCode()).as("a key names one consumption of one amount")
                .isEqualTo(409);
    }

    @Test
    void parallelReservationsSomeReleasedSomeConfirmedSomeLapsingNeverExceedTheLimit() {
        CallerIdentity caller = subscribed("acct_reserve_");

        List<HttpResponse<String>> reservations = inParallel(200, i -> api.reserve(caller, "api_calls", 1, 60));
        List<String> held = reservations.stream().filter(response -> response.statusCode() == 200)
                .map(response -> json(response).path("reservationId").asString()).toList();
        assertThat(held).hasSize(5);
        assertThat(api.consume(caller, "api_calls", 1, null).statusCode()).as("held units count against the limit").isEqualTo(429);

        // Two released, one confirmed, two left to lapse; meanwhile 200 consumes race for what is given back.
        assertThat(api.post(caller, path(held.get(0), "release"), "").statusCode()).isEqualTo(200);
        assertThat(api.post(caller, path(held.get(1), "release"), "").statusCode()).isEqualTo(200);
        assertThat(api.post(caller, path(held.get(2), "confirm"), "").statusCode()).isEqualTo(200);
        assertThat(api.post(caller, path(held.get(2), "confirm"), "").statusCode()).as("confirming twice is harmless").isEqualTo(200);
        List<HttpResponse<String>> consumes = inParallel(200, i -> api.consume(caller, "api_calls", 1, null));
        assertThat(consumes).filteredOn(response -> response.statusCode() == 200).hasSize(2);
        JsonNode meter = api.usage(caller, "api_calls");
        assertThat(meter.path("used").asLong() + meter.path("reserved").asLong()).isEqualTo(5);

        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(api.post(caller, path(held.get(3), "confirm"), "").statusCode()).as("a lapsed reservation cannot be confirmed")
                .isEqualTo(409);
        List<HttpResponse<String>> afterLapse = inParallel(200, i -> i % 2 == 0 ? api.consume(caller, "api_calls", 1, null)
                : api.reserve(caller, "api_calls", 1, 60));
        assertThat(afterLapse).filteredOn(response -> response.statusCode() == 200).hasSize(2);
        meter = api.usage(caller, "api_calls");
        assertThat(meter.path("used").asLong() + meter.path("reserved").asLong()).isEqualTo(5);
        assertThat(meter.path("remaining").asLong()).isZero();
    }

    @Test
    void aGaugeIsSetToWhatTheCallerMeasuredAndACheckSaysWhetherMoreFits() {
        CallerIdentity caller = subscribed("acct_gauge_");

        HttpResponse<String> set = api.put(EntitlementApi.usageReporter(caller), "/api/entitlements/me/seats/usage", "{\"used\":4}");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(set).path("remaining").asLong()).isEqualTo(1);
        JsonNode check = json(api.get(caller, "/api/entitlements/me/seats?amount=2"));
        assertThat(check.path("allowed").asBoolean()).isFalse();
        assertThat(check.path("usage").path("used").asLong()).isEqualTo(4);
        assertThat(json(api.get(caller, "/api/entitlements/me/seats")).path("allowed").asBoolean()).isTrue();
        assertThat(json(api.get(caller, "/api/entitlements/me/sso")).path("allowed").asBoolean()).isTrue();
        assertThat(api.put(EntitlementApi.usageReporter(caller), "/api/entitlements/me/api_calls/usage", "{\"used\":1}").statusCode())
                .as("a monthly meter is consumed, not set").isEqualTo(400);
        assertThat(api.put(caller, "/api/entitlements/me/seats/usage", "{\"used\":0}").statusCode())
                .as("a user of the account cannot lower a gauge to free room").isEqualTo(403);
        assertThat(json(api.get(caller, "/api/entitlements/me/seats")).path("usage").path("used").asLong()).isEqualTo(4);
        assertThat(api.get(caller, "/api/entitlements/me/seats?amount=0").statusCode()).isEqualTo(400);
    }

    @Test
    void aiTokensSpendTheMonthlyAllowanceFirstThenPurchasedPacksThatOutliveThePeriod() {
        Instant periodEnd = CLOCK.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        CallerIdentity caller = subscribed("acct_tokens_", periodEnd);
        String purchase = OneTimePurchases.send(caller.accountId(), "ai_tokens", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.usage(caller, "ai_monthly_token_limit")
                .path("credits").asLong()).isEqualTo(1000));
        assertThat(purchase).isNotNull();

        assertThat(api.consume(caller, "ai_tokens", 150, null).statusCode()).isEqualTo(200);
        JsonNode meter = api.usage(caller, "ai_monthly_token_limit");
        assertThat(meter.path("used").asLong()).as("the allowance is spent first").isEqualTo(100);
        assertThat(meter.path("credits").asLong()).isEqualTo(950);

        CLOCK.advance(Duration.ofDays(2).plusSeconds(1));
        meter = api.usage(caller, "ai_monthly_token_limit");
        assertThat(meter.path("used").asLong()).as("the allowance resets with the period").isZero();
        assertThat(meter.path("credits").asLong()).as("packs never expire").isEqualTo(950);
        assertThat(api.consume(caller, "ai_tokens", 1050, null).statusCode()).isEqualTo(200);
        assertThat(api.consume(caller, "ai_tokens", 1, null).statusCode()).isEqualTo(429);
    }

    @Test
    void clientMistakesAreProblemsNever500AndNoAccountReachesAnothersReservation() {
        CallerIdentity caller = subscribed("acct_mistake_");
        CallerIdentity other = subscribed("acct_other_");
        String reservation = json(api.reserve(caller, "api_calls", 1, 60)).path("reservationId").asString();

        assertProblem(api.post(other, path(reservation, "confirm"), ""), 404);
        assertProblem(api.post(other, path(reservation, "release"), ""), 404);
        assertProblem(api.post(caller, path("not-a-uuid", "confirm"), ""), 400);
        assertProblem(api.post(caller, "/api/entitlements/me/api_calls/consume", "{\"amount\":"), 400);
        assertProblem(api.post(caller, "/api/entitlements/me/api_calls/consume", "{\"amount\":\"many\"}"), 400);
        assertProblem(api.post(caller, "/api/entitlements/me/api_calls/consume", "{}"), 400);
        assertProblem(api.consume(caller, "api_calls", 0, null), 400);
        assertProblem(api.consume(caller, "api_calls", -3, null), 400);
        assertProblem(api.reserve(caller, "api_calls", 1, 0), 400);
        assertProblem(api.reserve(caller, "api_calls", 1, 86_401), 400);
        assertProblem(api.consume(caller, "sso", 1, null), 400);
        assertProblem(api.consume(caller, "white_glove", 1, null), 403);
        assertProblem(api.consume(customer("acct_nobody_" + UUID.randomUUID().toString().substring(0, 8)), "api_calls", 1, null),
                403);
        assertProblem(api.put(EntitlementApi.usageReporter(caller), "/api/entitlements/me/seats/usage", "{\"used\":-1}"), 400);
        assertThat(api.post(caller, path(reservation, "release"), "").statusCode()).isEqualTo(200);
        assertProblem(api.post(caller, path(reservation, "confirm"), ""), 409);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(json(response).path("detail").asString()).isNotBlank();
    }

    private static String path(String reservation, String action) {
        return "/api/entitlements/me/api_calls/reservations/" + reservation + "/" + action;
    }

    private CallerIdentity subscribed(String prefix) {
        return subscribed(prefix, CLOCK.instant().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS));
    }

    /** An account on the 'metered' plan whose billing period ends at {@code periodEnd}, once the grant is there. */
    private CallerIdentity subscribed(String prefix, Instant periodEnd) {
        CallerIdentity caller = customer(prefix + UUID.randomUUID().toString().substring(0, 8));
        EntitlementApi.sendSubscription(caller.accountId(), 1, "metered", "active", periodEnd, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(api.get(caller, "/api/entitlements/me"))
                .path("planId").asString()).isEqualTo("metered"));
        return caller;
    }

    static List<HttpResponse<String>> inParallel(int count, IntFunction<HttpResponse<String>> call) {
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 64))) {
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(CompletableFuture.supplyAsync(() -> call.apply(n), pool));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        }
    }
}
