package dev.tollgate.entitlement.meter;

import static dev.tollgate.entitlement.EntitlementApi.customer;
import static dev.tollgate.entitlement.EntitlementApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tollgate.entitlement.EntitlementApi;
import dev.tollgate.entitlement.EntitlementApplication;
import dev.tollgate.entitlement.EntitlementServiceTest;
import dev.tollgate.entitlement.catalog.BillingsCatalog;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.ControllableClock;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.platform.test.TestPostgres;
import tools.jackson.databind.JsonNode;

/** Monthly meters reset at the account's billing boundary, once, also when the boundary passes while the service is down. */
@EntitlementServiceTest
class PeriodResetTest {

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
    void aMonthlyMeterResetsOnceWhenTheClockCrossesTheBillingBoundary() {
        Instant boundary = CLOCK.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        CallerIdentity caller = customer("acct_reset_" + UUID.randomUUID().toString().substring(0, 8));
        EntitlementApi.sendSubscription(caller.accountId(), 1, "metered", "active", boundary, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.usage(caller, "api_calls").path("limit")
                .asLong()).isEqualTo(5));
        useAll(caller);
        assertThat(json(api.consume(caller, "api_calls", 1, null)).path("resetsAt").asString()).isEqualTo(boundary.toString());

        CLOCK.advance(Duration.between(CLOCK.instant(), boundary).minusSeconds(2));
        assertThat(api.consume(caller, "api_calls", 1, null).statusCode()).as("just before the boundary").isEqualTo(429);

        CLOCK.advance(Duration.ofSeconds(3));
        assertThat(api.consume(caller, "api_calls", 1, null).statusCode()).as("just after it").isEqualTo(200);
        for (int read = 0; read < 5; read++) {
            assertThat(api.usage(caller, "api_calls").path("used").asLong()).as("reads never reset it again").isEqualTo(1);
        }
        assertThat(api.usage(caller, "api_calls").path("resetsAt").asString())
                .isEqualTo(boundary.atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toString());

        CLOCK.advance(Duration.ofDays(10));
        assertThat(api.consume(caller, "api_calls", 4, null).statusCode()).isEqualTo(200);
        assertThat(api.consume(caller, "api_calls", 1, null).statusCode()).as("the same period, never reset twice").isEqualTo(429);
    }

    @Test
    void aBoundaryThatPassesWhileTheServiceIsDownResetsTheMeterWhenItIsBack() {
        String database = TestPostgres.newDatabase("entitlement_downtime");
        Instant boundary = CLOCK.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        CallerIdentity caller = customer("acct_down_" + UUID.randomUUID().toString().substring(0, 8));

        try (ConfigurableApplicationContext before = start(database)) {
            EntitlementApi first = new EntitlementApi(port(before), CLOCK);
            grant(before, caller.accountId(), boundary);
            for (int i = 0; i < 5; i++) {
                assertThat(first.consume(caller, "api_calls", 1, null).statusCode()).isEqualTo(200);
            }
            assertThat(first.consume(caller, "api_calls", 1, null).statusCode()).isEqualTo(429);
        }

        // Down across the boundary and the next one: the first read after the restart starts from 0, once.
        CLOCK.advance(Duration.ofDays(40));
        Instant currentStart = boundary.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        try (ConfigurableApplicationContext after = start(database)) {
            EntitlementApi second = new EntitlementApi(port(after), CLOCK);
            JsonNode meter = second.usage(caller, "api_calls");
            assertThat(meter.path("used").asLong()).isZero();
            assertThat(meter.path("periodStart").asString()).isEqualTo(currentStart.toString());
            for (int i = 0; i < 5; i++) {
                assertThat(second.consume(caller, "api_calls", 1, null).statusCode()).isEqualTo(200);
            }
            assertThat(second.consume(caller, "api_calls", 1, null).statusCode()).isEqualTo(429);
            assertThat(second.usage(caller, "api_calls").path("used").asLong()).isEqualTo(5);
        }
    }

    private void useAll(CallerIdentity caller) {
        assertThat(api.consume(caller, "api_calls", 5, null).statusCode()).isEqualTo(200);
        assertThat(api.consume(caller, "api_calls", 1, null).statusCode()).isEqualTo(429);
    }

    /** The account's grant as a subscription event leaves it (this context reads no events; it only meters). */
    private static void grant(ConfigurableApplicationContext context, String account, Instant anchor) {
        context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("""
                INSERT INTO account_entitlements (account_id, plan_id, subscription_status, features, subscription_version, version,
                    as_of, period_anchor)
                VALUES (?, 'metered', 'active', CAST(? AS jsonb), 1, 1, now(), ?)""")
                .params(account, "{\"api_calls\":{\"limit\":5,\"period\":\"month\"}}", java.sql.Timestamp.from(anchor)).update();
    }

    /** A new entitlement-service process on {@code database}, with the test's clock. */
    private static ConfigurableApplicationContext start(String database) {
        Map<String, Object> properties = Map.of("spring.config.name", EntitlementApplication.CONFIG_NAME, "server.port", 0,
                "management.server.port", 0,
                "spring.datasource.url", database, "spring.datasource.username", "postgres", "spring.datasource.password",
                "postgres", "spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(EntitlementApplication.class, ControllableClock.Configuration.class).run(args);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
