package dev.tollgate.billing.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;

import dev.tollgate.billing.BillingIntegrationTest;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.kafka.DeadLetterPolicy;
import dev.tollgate.platform.test.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/** Events for a customer not linked yet wait, leave as soon as any event links the customer, and age out. */
class ParkedEventsTest extends BillingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    MeterRegistry meters;

    @Autowired
    ParkedEventSweep sweep;

    @Test
    void aParkedEventIsAppliedAsSoonAsACheckoutLinksItsCustomer() {
        long now = Instant.now().getEpochSecond();
        double drainedBefore = drainedByLink();
        deliver("evt_park_co_sub", "customer.subscription.created", now, subscription("sub_park_co", "cus_park_co", null, "trialing"));
        await().atMost(WAIT).until(() -> isParked("evt_park_co_sub"));

        deliver("evt_park_co_checkout", "checkout.session.completed", now, checkout("cus_park_co", "acct_park_co", "co@example.com"));

        List<JsonNode> published = billingEvents("acct_park_co", 1);
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().path("customerEmail").asString()).isEqualTo("co@example.com");
        assertThat(isParked("evt_park_co_sub")).isFalse();
        assertThat(drainedByLink()).isEqualTo(drainedBefore + 1);
    }

    @Test
    void aParkedEventIsAppliedAsSoonAsAnotherSubscriptionsMetadataLinksItsCustomer() {
        long now = Instant.now().getEpochSecond();
        deliver("evt_park_md_old", "customer.subscription.created", now, subscription("sub_park_md_old", "cus_park_md", null, "active"));
        await().atMost(WAIT).until(() -> isParked("evt_park_md_old"));

        deliver("evt_park_md_new", "customer.subscription.created", now,
                subscription("sub_park_md_new", "cus_park_md", "acct_park_md", "trialing"));

        assertThat(billingEvents("acct_park_md", 2)).extracting(event -> event.path("stripeSubscriptionId").asString())
                .containsExactlyInAnyOrder("sub_park_md_old", "sub_park_md_new");
        assertThat(isParked("evt_park_md_old")).isFalse();
    }

    @Test
    void anEventParkedLongerThanTheMaxAgeGoesToTheDeadLetterTopicWithTheReason() {
        String reason = ParkedEventExpiredException.class.getSimpleName();
        double deadLetteredBefore = deadLettered(reason);
        deliver("evt_park_old", "customer.subscription.created", Instant.now().getEpochSecond(),
                subscription("sub_park_old", "cus_park_old", null, "active"));
        await().atMost(WAIT).until(() -> isParked("evt_park_old"));
        jdbc.sql("UPDATE parked_stripe_event SET parked_at = now() - interval '73 hours' WHERE event_id = 'evt_park_old'")
                .update();

        sweep.sweep();

        ConsumerRecord<String, String> dead = deadLetter("evt_park_old" + ParkedEventDeadLetters.REPLAY_SUFFIX);
        assertThat(dead).isNotNull();
        assertThat(dead.key()).isEqualTo("cus_park_old");
        assertThat(TestKafka.header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.STRIPE_WEBHOOKS);
        assertThat(TestKafka.header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("evt_park_old", "waited longer than PT72H");
        assertThat(StripeEvent.parse(dead.value(), dev.tollgate.platform.test.StripeWebhooks.json()).object().path("id")
                .asString()).isEqualTo("sub_park_old");
        assertThat(isParked("evt_park_old")).isFalse();
        assertThat(deadLettered(reason)).isEqualTo(deadLetteredBefore + 1);
    }

    @Test
    void gaugesShowHowManyEventsAreParkedAndHowLongTheOldestHasWaited() {
        deliver("evt_park_gauge", "customer.subscription.created", Instant.now().getEpochSecond(),
                subscription("sub_park_gauge", "cus_park_gauge", null, "active"));
        await().atMost(WAIT).until(() -> isParked("evt_park_gauge"));
        jdbc.sql("UPDATE parked_stripe_event SET parked_at = now() - interval '2 hours' WHERE event_id = 'evt_park_gauge'")
                .update();

        assertThat(meters.get(ParkedEventSweep.PARKED_METRIC).gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get(ParkedEventSweep.OLDEST_METRIC).gauge().value()).isGreaterThanOrEqualTo(7200);

        jdbc.sql("DELETE FROM parked_stripe_event WHERE event_id = 'evt_park_gauge'").update();
        assertThat(meters.get(ParkedEventSweep.OLDEST_METRIC).gauge().value()).isLessThan(7200);
    }

    private boolean isParked(String eventId) {
        return jdbc.sql("SELECT count(*) FROM parked_stripe_event WHERE event_id = :id").param("id", eventId)
                .query(Long.class).single() > 0;
    }

    private double drainedByLink() {
        var counter = meters.find(ParkedEventDrain.DRAINED_METRIC).tag("trigger", "link").counter();
        return counter == null ? 0 : counter.count();
    }

    private double deadLettered(String reason) {
        var counter = meters.find(DeadLetterPolicy.DEAD_LETTERED_METRIC).tag("topic", Topics.STRIPE_WEBHOOKS)
                .tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
