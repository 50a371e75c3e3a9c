package dev.tollgate.entitlement.meter;

import static dev.tollgate.entitlement.EntitlementApi.customer;
import static dev.tollgate.entitlement.EntitlementApi.json;
import static dev.tollgate.entitlement.meter.MeteringTest.inParallel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tollgate.entitlement.EntitlementApi;
import dev.tollgate.entitlement.EntitlementServiceTest;
import dev.tollgate.entitlement.catalog.BillingsCatalog;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.ControllableClock;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.platform.test.TestKafka;

/** Threshold and quota notices: once per account, feature and period, however many refusals; to their schemas. */
@EntitlementServiceTest
class UsageEventsTest {

    static final ControllableClock CLOCK = ControllableClock.INSTANCE;
    static final String THRESHOLD = "entitlements.usage_threshold_reached.v1";
    static final String EXCEEDED = "entitlements.quota_exceeded.v1";

    @LocalServerPort
    int port;

    @Autowired
    DataSource database;

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
    void thresholdsAndTheQuotaNoticeArePublishedOncePerPeriodWhateverTheNumberOfDenials() {
        Instant boundary = CLOCK.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        CallerIdentity caller = customer("acct_notice_" + UUID.randomUUID().toString().substring(0, 8));
        String subscribed = EntitlementApi.sendSubscription(caller.accountId(), 1, "metered", "active", boundary, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.usage(caller, "api_calls").path("limit")
                .asLong()).isEqualTo(5));

        for (int i = 0; i < 5; i++) {
            assertThat(api.consume(caller, "api_calls", 1, null).statusCode()).isEqualTo(200);
        }
        assertThat(inParallel(100, i -> api.consume(caller, "api_calls", 1, null)))
                .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(429));
        assertThat(inParallel(20, i -> api.reserve(caller, "api_calls", 1, 60)))
                .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(429));
        assertThat(api.put(EntitlementApi.usageReporter(caller), "/api/entitlements/me/seats/usage", "{\"used\":9}").statusCode()).isEqualTo(200);
        assertThat(api.put(EntitlementApi.usageReporter(caller), "/api/entitlements/me/seats/usage", "{\"used\":12}").statusCode()).isEqualTo(200);

        List<ConsumerRecord<String, String>> firstPeriod = notices(subscribed, caller);
        assertThat(firstPeriod).extracting(record -> TestKafka.header(record, "ce_type") + " " + json(record).path("feature")
                .asString() + " " + json(record).path("threshold").asInt()).containsExactlyInAnyOrder(
                        THRESHOLD + " api_calls 80", THRESHOLD + " api_calls 100", EXCEEDED + " api_calls 0",
                        THRESHOLD + " seats 80", THRESHOLD + " seats 100", EXCEEDED + " seats 0");
        firstPeriod.forEach(record -> assertThat(EventContract.violations(TestKafka.header(record, "ce_type"), record.value()))
                .as(record.value()).isEmpty());
        assertThat(firstPeriod).filteredOn(record -> TestKafka.header(record, "ce_type").equals(EXCEEDED)
                && json(record).path("feature").asString().equals("api_calls")).singleElement()
                .satisfies(record -> assertThat(json(record).path("resetsAt").asString()).isEqualTo(boundary.toString()));

        // The next billing month: the same again, once.
        CLOCK.advance(Duration.between(CLOCK.instant(), boundary).plusSeconds(1));
        for (int i = 0; i < 5; i++) {
            assertThat(api.consume(caller, "api_calls", 1, null).statusCode()).isEqualTo(200);
        }
        assertThat(inParallel(50, i -> api.consume(caller, "api_calls", 1, null)))
                .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(429));

        List<ConsumerRecord<String, String>> bothPeriods = notices(subscribed, caller);
        assertThat(bothPeriods).filteredOn(record -> json(record).path("feature").asString().equals("api_calls"))
                .extracting(record -> TestKafka.header(record, "ce_type") + " " + json(record).path("periodStart").asString())
                .containsExactlyInAnyOrder(THRESHOLD + " " + previousStart(boundary), THRESHOLD + " " + previousStart(boundary), EXCEEDED + " " + previousStart(boundary),
                        THRESHOLD + " " + boundary, THRESHOLD + " " + boundary, EXCEEDED + " " + boundary);
    }

    private static String previousStart(Instant boundary) {
        return boundary.atZone(java.time.ZoneOffset.UTC).minusMonths(1).toInstant().toString();
    }

    private List<ConsumerRecord<String, String>> notices(String handled, CallerIdentity caller) {
        return Settled.publishedByVersion(database, List.of(handled), Topics.ENTITLEMENT, caller.accountId()).stream()
                .filter(record -> !TestKafka.header(record, "ce_type").equals("entitlements.changed.v1")).toList();
    }

    private static tools.jackson.databind.JsonNode json(ConsumerRecord<String, String> record) {
        return EntitlementApi.JSON.readTree(record.value());
    }
}
