package dev.tollgate.billing.subscription;

import static dev.tollgate.billing.StripeApiStandIn.serveSubscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.billing.BillingIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Stripe's {@code created} has one-second precision: {@code customer.subscription.created}
 * (incomplete) and {@code customer.subscription.updated} (active) of one second must end in
 * Stripe's state whichever arrives first.
 */
class SameSecondEventsTest extends BillingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void createdThenUpdatedInTheSameSecondEndInTheStateStripeServes() {
        long second = Instant.now().getEpochSecond();
        serveSubscription(subscription("sub_tie_fwd", "cus_tie_fwd", "acct_tie_fwd", "active"));

        deliver("evt_tie_fwd_created", "customer.subscription.created", second,
                subscription("sub_tie_fwd", "cus_tie_fwd", "acct_tie_fwd", "incomplete"));
        deliver("evt_tie_fwd_updated", "customer.subscription.updated", second,
                subscription("sub_tie_fwd", "cus_tie_fwd", "acct_tie_fwd", "active"));

        List<JsonNode> published = billingEvents("acct_tie_fwd", 2);
        assertThat(published).extracting(event -> event.path("status").asString()).containsExactly("incomplete", "active");
        assertThat(heldStatus("sub_tie_fwd")).isEqualTo("active");
    }

    @Test
    void updatedThenCreatedInTheSameSecondEndInTheStateStripeServesAndNeverPublishTheOlderState() {
        long second = Instant.now().getEpochSecond();
        serveSubscription(subscription("sub_tie_rev", "cus_tie_rev", "acct_tie_rev", "active"));

        deliver("evt_tie_rev_updated", "customer.subscription.updated", second,
                subscription("sub_tie_rev", "cus_tie_rev", "acct_tie_rev", "active"));
        deliver("evt_tie_rev_created", "customer.subscription.created", second,
                subscription("sub_tie_rev", "cus_tie_rev", "acct_tie_rev", "incomplete"));

        await().atMost(WAIT).until(() -> processed("evt_tie_rev_created"));
        assertThat(heldStatus("sub_tie_rev")).isEqualTo("active");
        assertThat(lastAppliedEvent("sub_tie_rev")).isEqualTo("evt_tie_rev_updated");
        assertThat(billingEvents("acct_tie_rev", 1)).extracting(event -> event.path("status").asString())
                .containsExactly("active");
    }

    @Test
    void onATieStripesCurrentStateWinsEvenWhereTheStatusRankWouldNot() {
        long second = Instant.now().getEpochSecond();
        // Paused and resumed in one second: the rank alone would keep "paused"; Stripe says it is active.
        serveSubscription(subscription("sub_tie_resume", "cus_tie_resume", "acct_tie_resume", "active"));

        deliver("evt_tie_resume_paused", "customer.subscription.paused", second,
                subscription("sub_tie_resume", "cus_tie_resume", "acct_tie_resume", "paused"));
        deliver("evt_tie_resume_resumed", "customer.subscription.resumed", second,
                subscription("sub_tie_resume", "cus_tie_resume", "acct_tie_resume", "active"));

        await().atMost(WAIT).until(() -> processed("evt_tie_resume_resumed"));
        assertThat(heldStatus("sub_tie_resume")).isEqualTo("active");
        List<JsonNode> published = billingEvents("acct_tie_resume", 2);
        assertThat(published).extracting(event -> event.path("status").asString()).containsExactly("paused", "active");
        // Same occurredAt and a lower status rank for the later state: only the sequence tells consumers which is later.
        assertThat(published).extracting(event -> event.path("occurredAt").asString()).containsOnly(
                published.get(0).path("occurredAt").asString());
        assertThat(published).extracting(event -> event.path("sequence").asLong()).containsExactly(1L, 2L);
    }

    @Test
    void whenStripeCannotBeAskedATieGoesToTheHigherStatusRankInEitherOrder() {
        long second = Instant.now().getEpochSecond();
        // The stand-in answers 404 for these subscriptions: no re-read is possible.
        deliver("evt_rank_fwd_created", "customer.subscription.created", second,
                subscription("sub_rank_fwd", "cus_rank_fwd", "acct_rank_fwd", "incomplete"));
        deliver("evt_rank_fwd_updated", "customer.subscription.updated", second,
                subscription("sub_rank_fwd", "cus_rank_fwd", "acct_rank_fwd", "active"));
        deliver("evt_rank_rev_updated", "customer.subscription.updated", second,
                subscription("sub_rank_rev", "cus_rank_rev", "acct_rank_rev", "active"));
        deliver("evt_rank_rev_created", "customer.subscription.created", second,
                subscription("sub_rank_rev", "cus_rank_rev", "acct_rank_rev", "incomplete"));

        await().atMost(WAIT).until(() -> processed("evt_rank_fwd_updated") && processed("evt_rank_rev_created"));
        assertThat(heldStatus("sub_rank_fwd")).isEqualTo("active");
        assertThat(heldStatus("sub_rank_rev")).isEqualTo("active");
        assertThat(lastAppliedEvent("sub_rank_rev")).isEqualTo("evt_rank_rev_updated");
    }

    private String lastAppliedEvent(String subscriptionId) {
        return jdbc.sql("SELECT last_event_id FROM stripe_subscription WHERE subscription_id = :id")
                .param("id", subscriptionId).query(String.class).single();
    }
}
