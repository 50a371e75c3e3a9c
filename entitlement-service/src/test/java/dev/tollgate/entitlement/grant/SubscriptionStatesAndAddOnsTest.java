package dev.tollgate.entitlement.grant;

import static dev.tollgate.entitlement.EntitlementApi.customer;
import static dev.tollgate.entitlement.EntitlementApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
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

@EntitlementServiceTest
/** Grants through Kafka for past due and unpaid, add-ons and subscription types added later, checked against the schema. */
class SubscriptionStatesAndAddOnsTest {

    static final ControllableClock CLOCK = ControllableClock.INSTANCE;

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
    void pastDueKeepsThePlanUntilSubscriptionServiceReportsUnpaidThenFallsToTheFreeTierOnce() {
        CallerIdentity caller = customer("acct_grace_" + UUID.randomUUID().toString().substring(0, 8));
        String pastDue = EntitlementApi.sendSubscription("past_due", caller.accountId(), 1, "metered", "past_due", null, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(api.get(caller, "/api/entitlements/me"))
                .path("features").path("api_calls").path("limit").asLong()).isEqualTo(5));

        CLOCK.advance(Duration.ofDays(30));
        assertThat(json(api.get(caller, "/api/entitlements/me")).path("features").has("api_calls"))
                .as("the grace period is subscription-service's to end, not a clock of this service").isTrue();

        // subscription-service's grace end: still the past_due type, carrying the status unpaid.
        String unpaid = EntitlementApi.sendSubscription("past_due", caller.accountId(), 2, "metered", "unpaid", null, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(api.get(caller, "/api/entitlements/me"))
                .path("features").isEmpty()).isTrue());
        assertThat(api.consume(caller, "api_calls", 1, null).statusCode()).isEqualTo(403);

        List<ConsumerRecord<String, String>> grants = Settled.publishedByVersion(database, List.of(pastDue, unpaid),
                Topics.ENTITLEMENT, caller.accountId());
        assertThat(grants).extracting(ConsumerRecord::value).satisfiesExactly(
                plan -> assertThat(plan).contains("\"version\":1", "\"api_calls\":{\"limit\":5,\"period\":\"month\"}"),
                free -> assertThat(free).contains("\"version\":2", "\"subscriptionStatus\":\"unpaid\"", "\"features\":{}"));
        grants.forEach(record -> assertThat(EventContract.violations("entitlements.changed.v1", record.value())).isEmpty());
    }

    @Test
    void aSubscriptionsAddOnsRaiseTheGrantAndTheGrantWithLevelsMatchesItsSchema() {
        CallerIdentity caller = customer("acct_addons_" + UUID.randomUUID().toString().substring(0, 8));
        Instant end = CLOCK.instant().plus(Duration.ofDays(20));
        List<String> sent = List.of(EntitlementApi.sendSubscription("activated", caller.accountId(), 1, "agency", "active", end,
                "[{\"id\":\"agency_sub_org\",\"quantity\":3}]"));

        List<ConsumerRecord<String, String>> grants = Settled.publishedByVersion(database, sent, Topics.ENTITLEMENT,
                caller.accountId());

        assertThat(grants).extracting(ConsumerRecord::value).singleElement().satisfies(grant -> assertThat(grant).contains(
                "\"sub_orgs\":{\"limit\":5}", "\"max_contacts\":{\"limit\":16000}", "\"storage_gb\":{\"limit\":65}",
                "\"max_api_keys\":{\"limit\":8}", "\"max_custom_domains\":{\"limit\":13}",
                "\"white_label_level\":{\"value\":\"full\"}", "\"ai_enabled\":{\"enabled\":true}"));
        grants.forEach(record -> assertThat(EventContract.violations("entitlements.changed.v1", record.value())).isEmpty());
    }

    @Test
    void subscriptionTypesAddedLaterAreAppliedByTheStateTheyCarry() {
        CallerIdentity caller = customer("acct_newtypes_" + UUID.randomUUID().toString().substring(0, 8));
        Instant end = CLOCK.instant().plus(Duration.ofDays(20));
        List<String> sent = List.of(
                EntitlementApi.sendSubscription("activated", caller.accountId(), 1, "metered", "active", end, null),
                EntitlementApi.sendSubscription("account_suspended", caller.accountId(), 2, "metered", "suspended", end, null),
                EntitlementApi.sendSubscription("recovered", caller.accountId(), 3, "metered", "active", end, null),
                EntitlementApi.sendSubscription("trial_expired", caller.accountId(), 4, "metered", "expired", end, null));

        List<ConsumerRecord<String, String>> grants = Settled.publishedByVersion(database, sent, Topics.ENTITLEMENT,
                caller.accountId());

        assertThat(grants).extracting(ConsumerRecord::value).satisfiesExactly(
                active -> assertThat(active).contains("\"version\":1", "\"api_calls\""),
                suspended -> assertThat(suspended).contains("\"version\":2", "\"subscriptionStatus\":\"suspended\"", "\"features\":{}"),
                recovered -> assertThat(recovered).contains("\"version\":3", "\"api_calls\""),
                expired -> assertThat(expired).contains("\"version\":4", "\"subscriptionStatus\":\"expired\"", "\"features\":{}"));
    }
}
