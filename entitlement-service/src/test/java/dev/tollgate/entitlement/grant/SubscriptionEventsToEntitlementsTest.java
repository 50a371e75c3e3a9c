package dev.tollgate.entitlement.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.entitlement.EntitlementServiceTest;
import dev.tollgate.entitlement.catalog.BillingsCatalog;
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.platform.test.TestKafka;

@EntitlementServiceTest
class SubscriptionEventsToEntitlementsTest {

    @Autowired
    DataSource database;

    /** What each plan grants comes from billing's catalog, as in a running platform. */
    @BeforeAll
    static void billingPublishedItsCatalog() {
        BillingsCatalog.publish();
    }

    @Test
    void aPlanGrantsWhatBillingsCatalogSaysForIt() {
        String account = "acct_catalog_" + UUID.randomUUID();
        List<String> sent = List.of(sendSubscription(UUID.randomUUID().toString(), account, 1, "sub_s", "activated", "active",
                Instant.now().minusSeconds(5), "starter"));

        assertThat(grantsOnceHandled(account, sent)).extracting(ConsumerRecord::value).singleElement().satisfies(grant -> assertThat(grant)
                .contains("\"planId\":\"starter\"", "\"features\":{\"max_emails_per_month\":{\"limit\":500,\"period\":\"month\"},"
                        + "\"max_users\":{\"limit\":3}}"));
    }

    @Test
    void aTrialGrantsThePlanThenACancellationRevokesItEachPublishedOnceWithTheNextVersionAndToSchema() {
        String account = "acct_grant_" + UUID.randomUUID();
        Instant t0 = Instant.now().minusSeconds(60);
        String trialId = UUID.randomUUID().toString();
        List<String> sent = List.of(sendSubscription(trialId, account, 1, "sub_a", "trial_started", "trialing", t0),
                sendSubscription(trialId, account, 1, "sub_a", "trial_started", "trialing", t0),
                sendSubscription(UUID.randomUUID().toString(), account, 2, "sub_a", "activated", "active", t0.plusSeconds(10)),
                sendSubscription(UUID.randomUUID().toString(), account, 3, "sub_a", "canceled", "canceled", t0.plusSeconds(20)));

        List<ConsumerRecord<String, String>> published = grantsOnceHandled(account, sent);

        assertThat(published).extracting(ConsumerRecord::value).satisfiesExactly(
                trial -> assertThat(trial).contains("\"version\":1", "\"priority_support_tickets\":{\"limit\":5,\"period\":\"month\"}"),
                active -> assertThat(active).contains("\"version\":2", "\"subscriptionStatus\":\"active\""),
                canceled -> assertThat(canceled).contains("\"version\":3", "\"features\":{}"));
        published.forEach(record -> assertThat(EventContract.violations("entitlements.changed.v1", record.value())).isEmpty());
    }

    @Test
    void theAccountsNewActiveSubscriptionKeepsItsFeaturesWhenTheOldOnesCancellationArrivesLast() {
        String account = "acct_late_cancel_" + UUID.randomUUID();
        Instant t0 = Instant.now().minusSeconds(60);
        // subscription-service versions the account's events; the cancellation of the old one (1) arrives after the new one (2).
        List<String> sent = List.of(
                sendSubscription(UUID.randomUUID().toString(), account, 2, "sub_new", "activated", "active", t0.plusSeconds(10)),
                sendSubscription(UUID.randomUUID().toString(), account, 1, "sub_old", "canceled", "canceled", t0.plusSeconds(20)));

        assertThat(grantsOnceHandled(account, sent)).extracting(ConsumerRecord::value).singleElement().satisfies(grant -> assertThat(grant)
                .contains("\"version\":1", "\"subscriptionStatus\":\"active\"", "\"community_access\":{\"enabled\":true}"));
    }

    @Test
    void theAccountsNewActiveSubscriptionGrantsItsFeaturesWhenTheOldOnesCancellationArrivesFirst() {
        String account = "acct_early_cancel_" + UUID.randomUUID();
        Instant t0 = Instant.now().minusSeconds(60);
        List<String> sent = List.of(
                sendSubscription(UUID.randomUUID().toString(), account, 1, "sub_old", "canceled", "canceled", t0.plusSeconds(20)),
                sendSubscription(UUID.randomUUID().toString(), account, 2, "sub_new", "activated", "active", t0.plusSeconds(10)));

        assertThat(grantsOnceHandled(account, sent)).extracting(ConsumerRecord::value).satisfiesExactly(
                revoked -> assertThat(revoked).contains("\"version\":1", "\"features\":{}"),
                granted -> assertThat(granted).contains("\"version\":2", "\"community_access\":{\"enabled\":true}"));
    }

    private List<ConsumerRecord<String, String>> grantsOnceHandled(String account, List<String> sent) {
        return Settled.publishedByVersion(database, sent, Topics.ENTITLEMENT, account);
    }

    /** Sends a subscription event and returns its id. */
    private static String sendSubscription(String eventId, String account, long version, String subscription, String transition,
            String status, Instant at) {
        return sendSubscription(eventId, account, version, subscription, transition, status, at, "community");
    }

    private static String sendSubscription(String eventId, String account, long version, String subscription, String transition,
            String status, Instant at, String plan) {
        String body = """
                {"transition":"%s","eventId":"%s","accountId":"%s","occurredAt":"%s","version":%d,"subscriptionId":"%s",
                 "planId":"%s","status":"%s","billingInterval":"month","trialEnd":null,"currentPeriodEnd":null,
                 "cancelAtPeriodEnd":false,"amountMinor":2000,"currency":"usd","email":"g@example.com"}"""
                .formatted(transition.toUpperCase(), eventId, account, at, version, subscription, plan, status);
        TestKafka.send(Topics.SUBSCRIPTION, account, body, CloudEventHeaders.of(eventId, "/tollgate/subscription-service",
                "subscription." + transition + ".v1", at, account));
        return eventId;
    }
}
