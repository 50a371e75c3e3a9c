package dev.tollgate.subscription.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.kafka.DeadLetterPolicy;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.subscription.SubscriptionApplication;
import dev.tollgate.subscription.api.Subscriptions;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;
import io.micrometer.core.instrument.MeterRegistry;

@SpringBootTest(classes = SubscriptionApplication.class, properties = {
        "spring.config.name=" + SubscriptionApplication.CONFIG_NAME })
@ContextConfiguration(initializers = RealInfrastructure.class)
class BillingEventsToLifecycleEventsTest {

    @Autowired
    MeterRegistry meters;
    @Autowired
    Subscriptions subscriptions;
    @Autowired
    DataSource database;

    @Test
    void aTrialThenItsActivationArePublishedAsLifecycleEventsThatMatchTheirSchemas() {
        Instant t0 = Instant.now().minusSeconds(60);
        sendBilling("acct_life", "community", "trialing", t0);
        sendBilling("acct_life", "community", "active", t0.plusSeconds(30));

        List<ConsumerRecord<String, String>> published = TestKafka.read(Topics.SUBSCRIPTION,
                record -> "acct_life".equals(record.key()), 2, Duration.ofSeconds(30));

        assertThat(published).extracting(record -> TestKafka.header(record, CloudEventHeaders.TYPE))
                .containsExactly("subscription.trial_started.v1", "subscription.activated.v1");
        published.forEach(record -> assertThat(EventContract.violations(TestKafka.header(record, CloudEventHeaders.TYPE),
                record.value())).isEmpty());
    }

    @Test
    void everyLifecycleTransitionIsPublishedInOrderAndMatchesItsSchema() {
        Instant t0 = Instant.now().minusSeconds(600);
        sendBilling("acct_all", "community", "trialing", t0);
        sendBilling("acct_all", "community", "active", t0.plusSeconds(10));
        sendBilling("acct_all", "starter", "active", t0.plusSeconds(20));
        sendBilling("acct_all", "starter", "past_due", t0.plusSeconds(30));
        sendBilling("acct_all", "starter", "paused", t0.plusSeconds(40));
        sendBilling("acct_all", "starter", "canceled", t0.plusSeconds(50));

        List<ConsumerRecord<String, String>> published = TestKafka.read(Topics.SUBSCRIPTION,
                record -> "acct_all".equals(record.key()), 6, Duration.ofSeconds(30));

        assertThat(published).extracting(record -> TestKafka.header(record, CloudEventHeaders.TYPE)).containsExactly(
                "subscription.trial_started.v1", "subscription.activated.v1", "subscription.plan_changed.v1",
                "subscription.past_due.v1", "subscription.paused.v1", "subscription.canceled.v1");
        published.forEach(record -> assertThat(EventContract.violations(TestKafka.header(record, CloudEventHeaders.TYPE),
                record.value())).isEmpty());
    }

    @Test
    void aRecordThatIsNoCloudEventGoesToTheDeadLetterTopicAndIsCounted() {
        TestKafka.send(Topics.BILLING, "acct_poison", "{\"not\":\"an event\"}", Map.of("some", "header"));

        List<ConsumerRecord<String, String>> dead = TestKafka.read(Topics.deadLetterOf(Topics.BILLING),
                record -> "acct_poison".equals(record.key()), 1, Duration.ofSeconds(30));

        assertThat(dead).hasSize(1);
        assertThat(dead.getFirst().value()).isEqualTo("{\"not\":\"an event\"}");
        assertThat(TestKafka.header(dead.getFirst(), "kafka_dlt-exception-message")).contains("ce_id");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                meters.get(DeadLetterPolicy.DEAD_LETTERED_METRIC).tag("topic", Topics.BILLING).counter().count())
                .isGreaterThanOrEqualTo(1));
    }

    @Test
    void anEventWhoseBodyCannotBeReadIsDeadLetteredNotDropped() {
        String id = UUID.randomUUID().toString();
        TestKafka.send(Topics.BILLING, "acct_garbled", "{\"accountId\": 42, \"status\": [",
                CloudEventHeaders.of(id, "/test", "billing.subscription.changed.v1", Instant.now(), "acct_garbled"));

        assertThat(TestKafka.read(Topics.deadLetterOf(Topics.BILLING),
                record -> id.equals(TestKafka.header(record, CloudEventHeaders.ID)), 1, Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void anOldSubscriptionEndingAfterTheNewOneIsActiveLeavesTheAccountActiveInEitherOrderOfArrival() {
        Instant t0 = Instant.now().minusSeconds(600);
        Instant oldPeriodEnd = t0.plus(Duration.ofDays(20));
        Instant newPeriodEnd = t0.plus(Duration.ofDays(30));
        String inOrder = "acct_two_in_order";
        String reversed = "acct_two_reversed";
        List<String> sent = List.of(
                sendBilling(inOrder, inOrder + "_old", "community", "active", t0, oldPeriodEnd),
                sendBilling(inOrder, inOrder + "_new", "community", "active", t0.plusSeconds(10), newPeriodEnd),
                sendBilling(inOrder, inOrder + "_old", "community", "canceled", t0.plusSeconds(20), oldPeriodEnd),
                sendBilling(reversed, reversed + "_old", "community", "canceled", t0.plusSeconds(20), oldPeriodEnd),
                sendBilling(reversed, reversed + "_new", "community", "active", t0.plusSeconds(10), newPeriodEnd),
                sendBilling(reversed, reversed + "_old", "community", "active", t0, oldPeriodEnd));

        assertThat(lifecycleEventTypes(inOrder, sent)).as("the old subscription's end changes nothing while the new one is active")
                .containsExactly("subscription.activated.v1");
        assertThat(lifecycleEventTypes(reversed, sent))
                .as("the old subscription's late active report is older than its cancellation and changes nothing")
                .containsExactly("subscription.canceled.v1", "subscription.activated.v1");
        for (String account : List.of(inOrder, reversed)) {
            assertThat(subscriptions.currentOf(account)).hasValueSatisfying(effective -> {
                assertThat(effective.subscriptionId()).isEqualTo(account + "_new");
                assertThat(effective.status()).isEqualTo(SubscriptionStatus.ACTIVE);
            });
        }
    }

    @Test
    void aReportOfTheSameSecondThatIsNotFurtherAlongChangesNothing() {
        Instant sameSecond = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
        List<String> sent = List.of(sendBilling("acct_tie", "community", "active", sameSecond),
                sendBilling("acct_tie", "community", "incomplete", sameSecond),
                sendBilling("acct_tie", "community", "trialing", sameSecond));

        assertThat(lifecycleEventTypes("acct_tie", sent)).containsExactly("subscription.activated.v1");
        assertThat(subscriptions.currentOf("acct_tie")).hasValueSatisfying(
                held -> assertThat(held.status()).isEqualTo(SubscriptionStatus.ACTIVE));
    }

    @Test
    void aPausedThenAnActiveReportOfTheSameSecondEndActiveByBillingsSequenceInEitherOrderOfArrival() {
        // A resume in the pause's second: billing re-read Stripe and published active after paused, both at one time.
        Instant sameSecond = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
        Instant periodEnd = sameSecond.plus(Duration.ofDays(30));
        String inOrder = "acct_seq_in_order";
        String reversed = "acct_seq_reversed";
        List<String> sent = List.of(
                sendBilling(inOrder, "sub_" + inOrder, "community", "active", sameSecond.minusSeconds(60), periodEnd, 1L),
                sendBilling(inOrder, "sub_" + inOrder, "community", "paused", sameSecond, periodEnd, 2L),
                sendBilling(inOrder, "sub_" + inOrder, "community", "active", sameSecond, periodEnd, 3L),
                sendBilling(reversed, "sub_" + reversed, "community", "active", sameSecond.minusSeconds(60), periodEnd, 1L),
                sendBilling(reversed, "sub_" + reversed, "community", "active", sameSecond, periodEnd, 3L),
                sendBilling(reversed, "sub_" + reversed, "community", "paused", sameSecond, periodEnd, 2L));

        assertThat(lifecycleEventTypes(inOrder, sent)).as("the rank alone would keep paused; billing's sequence says active")
                .containsExactly("subscription.activated.v1", "subscription.paused.v1", "subscription.resumed.v1",
                        "subscription.activated.v1");
        assertThat(lifecycleEventTypes(reversed, sent)).as("the lower sequence arriving last is ignored")
                .containsExactly("subscription.activated.v1");
        for (String account : List.of(inOrder, reversed)) {
            assertThat(subscriptions.currentOf(account)).hasValueSatisfying(held -> {
                assertThat(held.status()).isEqualTo(SubscriptionStatus.ACTIVE);
                assertThat(held.billingSequence()).isEqualTo(3L);
            });
        }
    }

    @Test
    void aMoveTheStatusRefusesIsLoggedAndCountedButNeverAppliedOrPublished() {
        Instant t0 = Instant.now().minusSeconds(900);
        double refusedBefore = refused("canceled", "reported_active");
        List<String> sent = List.of(sendBilling("acct_refused", "community", "active", t0),
                sendBilling("acct_refused", "community", "canceled", t0.plusSeconds(10)),
                sendBilling("acct_refused", "community", "active", t0.plusSeconds(20)));

        assertThat(lifecycleEventTypes("acct_refused", sent)).as("Stripe never revives a canceled subscription")
                .containsExactly("subscription.activated.v1", "subscription.canceled.v1");
        assertThat(subscriptions.currentOf("acct_refused")).hasValueSatisfying(
                held -> assertThat(held.status()).isEqualTo(SubscriptionStatus.CANCELED));
        assertThat(refused("canceled", "reported_active")).isEqualTo(refusedBefore + 1);
    }

    @Test
    void unpaidIsNotPastDueTheAccountFallsToTheFreeTierAndARecoveryIsARecovery() {
        Instant t0 = Instant.now().minusSeconds(900);
        List<String> sent = List.of(sendBilling("acct_unpaid", "community", "active", t0),
                sendBilling("acct_unpaid", "community", "past_due", t0.plusSeconds(10)),
                sendBilling("acct_unpaid", "community", "unpaid", t0.plusSeconds(20)),
                sendBilling("acct_unpaid", "community", "active", t0.plusSeconds(30)));

        List<ConsumerRecord<String, String>> events = Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, "acct_unpaid");
        assertThat(events).extracting(record -> TestKafka.header(record, CloudEventHeaders.TYPE)).containsExactly(
                "subscription.activated.v1", "subscription.past_due.v1", "subscription.past_due.v1",
                "subscription.recovered.v1", "subscription.activated.v1");
        assertThat(events).extracting(record -> body(record).path("status").asString())
                .containsExactly("active", "past_due", "unpaid", "active", "active");
        assertThat(events).extracting(record -> body(record).path("freeTier").asBoolean())
                .containsExactly(false, false, true, false, false);
        assertThat(body(events.getFirst()).path("firstActivation").asBoolean()).isTrue();
        assertThat(body(events.getLast()).path("firstActivation").asBoolean()).isFalse();
        events.forEach(record -> assertThat(EventContract.violations(TestKafka.header(record, CloudEventHeaders.TYPE),
                record.value())).isEmpty());
    }

    @Test
    void everyEventCarriesTheRealPeriodStartWhichDuringATrialIsTheTrialsStart() {
        Instant t0 = Instant.now().minusSeconds(900).truncatedTo(ChronoUnit.SECONDS);
        List<String> sent = List.of(sendBilling("acct_period", "community", "trialing", t0),
                sendBilling("acct_period", "pro", "active", t0.plusSeconds(10)));

        List<ConsumerRecord<String, String>> events = Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, "acct_period");
        assertThat(events).extracting(record -> TestKafka.header(record, CloudEventHeaders.TYPE)).containsExactly(
                "subscription.trial_started.v1", "subscription.plan_changed.v1", "subscription.activated.v1");
        assertThat(body(events.getFirst()).path("trialStart").asString()).isEqualTo(t0.toString());
        assertThat(body(events.getFirst()).path("currentPeriodStart").asString()).as("not a month before the trial's end")
                .isEqualTo(t0.toString());
        assertThat(body(events.get(1)).path("fromPlanId").asString()).isEqualTo("community");
        assertThat(body(events.get(1)).path("toPlanId").asString()).isEqualTo("pro");
        assertThat(body(events.get(1)).path("direction").asString()).isEqualTo("lateral");
        events.forEach(record -> assertThat(EventContract.violations(TestKafka.header(record, CloudEventHeaders.TYPE),
                record.value())).isEmpty());
    }

    private double refused(String from, String input) {
        var counter = meters.find(dev.tollgate.subscription.account.AccountLifecycle.REFUSED_METRIC).tag("from", from)
                .tag("input", input).counter();
        return counter == null ? 0 : counter.count();
    }

    private static tools.jackson.databind.JsonNode body(ConsumerRecord<String, String> record) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(record.value());
    }

    /** The types of the account's lifecycle events in version order, once every billing event {@code sent} was handled. */
    private List<String> lifecycleEventTypes(String account, List<String> sent) {
        List<ConsumerRecord<String, String>> events = Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);
        events.forEach(record -> assertThat(EventContract.violations(TestKafka.header(record, CloudEventHeaders.TYPE),
                record.value())).isEmpty());
        return events.stream().map(record -> TestKafka.header(record, CloudEventHeaders.TYPE)).toList();
    }

    private static String sendBilling(String account, String plan, String status, Instant at) {
        return sendBilling(account, "sub_" + account, plan, status, at, at.plus(Duration.ofDays(14)));
    }

    /** Sends a billing event as billing published it before it numbered a subscription's states, and returns its id. */
    private static String sendBilling(String account, String subscription, String plan, String status, Instant at,
            Instant periodEnd) {
        return sendBilling(account, subscription, plan, status, at, periodEnd, null);
    }

    /** Sends a billing event with billing's {@code sequence} (none when null) and returns its id. */
    private static String sendBilling(String account, String subscription, String plan, String status, Instant at,
            Instant periodEnd, Long sequence) {
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s",%s"stripeEventId":"evt_%s","stripeSubscriptionId":"%s",
                 "stripeCustomerId":"cus_%s","planId":"%s","priceId":"price_community_monthly_usd","billingInterval":"month",
                 "status":"%s","trialStart":"%s","trialEnd":"%s","currentPeriodEnd":"%s","cancelAtPeriodEnd":false,
                 "amountMinor":2000,"currency":"usd","customerEmail":"life@example.com"}"""
                .formatted(UUID.randomUUID(), account, at, sequence == null ? "" : "\"sequence\":" + sequence + ",", status,
                        subscription, account, plan, status, at, periodEnd, periodEnd);
        String id = UUID.randomUUID().toString();
        TestKafka.send(Topics.BILLING, account, body, CloudEventHeaders.of(id, "/tollgate/billing-service",
                "billing.subscription.changed.v1", at, account));
        return id;
    }
}
