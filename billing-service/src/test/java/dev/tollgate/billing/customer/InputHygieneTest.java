package dev.tollgate.billing.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

import dev.tollgate.billing.BillingIntegrationTest;
import dev.tollgate.platform.test.TestKafka;

/** Account ids from Stripe are checked where they enter; a customer never moves to another account. */
class InputHygieneTest extends BillingIntegrationTest {

    @Test
    void aSubscriptionWhoseMetadataNamesAnInvalidAccountIdIsDeadLetteredWithTheFieldNamed() {
        deliver("evt_bad_meta", "customer.subscription.created", Instant.now().getEpochSecond(),
                subscription("sub_bad_meta", "cus_bad_meta", "#{T(java.lang.Runtime).getRuntime()}", "active"));

        ConsumerRecord<String, String> dead = deadLetter("evt_bad_meta");
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).isEqualTo(InvalidAccountIdException.class.getName());
        assertThat(TestKafka.header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                .contains("customer.subscription.metadata.organization_id", "is not valid");
        assertThat(linkedAccount("cus_bad_meta")).isNull();
        assertThat(heldStatus("sub_bad_meta")).isNull();
    }

    @Test
    void aCheckoutWithAnInvalidClientReferenceIdIsDeadLetteredAndLinksNothing() {
        deliver("evt_bad_ref", "checkout.session.completed", Instant.now().getEpochSecond(),
                checkout("cus_bad_ref", "acct with spaces", "bad@example.com"));

        ConsumerRecord<String, String> dead = deadLetter("evt_bad_ref");
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("checkout.session.client_reference_id");
        assertThat(linkedAccount("cus_bad_ref")).isNull();
    }

    @Test
    void aCheckoutThatWouldMoveALinkedCustomerToAnotherAccountIsRefusedAndDeadLettered() {
        long now = Instant.now().getEpochSecond();
        deliver("evt_relink_first", "checkout.session.completed", now, checkout("cus_relink", "acct_owner", "o@example.com"));
        await().atMost(Duration.ofSeconds(60)).until(() -> "acct_owner".equals(linkedAccount("cus_relink")));

        deliver("evt_relink_second", "checkout.session.completed", now + 1, checkout("cus_relink", "acct_other", "x@example.com"));

        ConsumerRecord<String, String> dead = deadLetter("evt_relink_second");
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(CustomerRelinkRefusedException.class.getName());
        assertThat(TestKafka.header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                .contains("cus_relink", "acct_owner", "acct_other", "refused");
        assertThat(linkedAccount("cus_relink")).isEqualTo("acct_owner");
    }

    @Test
    void aSubscriptionWhoseMetadataNamesAnotherAccountThanTheLinkIsRefusedAndDeadLettered() {
        long now = Instant.now().getEpochSecond();
        deliver("evt_meta_relink_checkout", "checkout.session.completed", now,
                checkout("cus_meta_relink", "acct_meta_owner", "m@example.com"));
        await().atMost(Duration.ofSeconds(60)).until(() -> "acct_meta_owner".equals(linkedAccount("cus_meta_relink")));

        deliver("evt_meta_relink_sub", "customer.subscription.created", now,
                subscription("sub_meta_relink", "cus_meta_relink", "acct_meta_other", "active"));

        ConsumerRecord<String, String> dead = deadLetter("evt_meta_relink_sub");
        assertThat(dead).isNotNull();
        assertThat(TestKafka.header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                .contains("acct_meta_owner", "acct_meta_other", "refused");
        assertThat(heldStatus("sub_meta_relink")).isNull();
    }

    @Test
    void signedEventsWithoutCreatedOrDataObjectAreDeadLetteredWithAClearReason() {
        deliverRaw("evt_no_created", "customer.subscription.created", "cus_no_created", """
                {"id": "evt_no_created", "object": "event", "type": "customer.subscription.created",
                 "data": {"object": {"id": "sub_x", "customer": "cus_no_created"}}}""");
        deliverRaw("evt_no_data", "customer.subscription.created", "cus_no_data", """
                {"id": "evt_no_data", "object": "event", "type": "customer.subscription.created", "created": 1763800000}""");

        assertThat(TestKafka.header(deadLetter("evt_no_created"), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                .contains("evt_no_created has no created time");
        assertThat(TestKafka.header(deadLetter("evt_no_data"), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                .contains("evt_no_data has no data.object");
    }

    @Test
    void aSubscriptionToAPriceNoPlanListsIsDeadLetteredForAnOperator() {
        var subscription = subscription("sub_unknown_price", "cus_unknown_price", "acct_unknown_price", "active");
        ((tools.jackson.databind.node.ObjectNode) subscription.path("items").path("data").path(0).path("price"))
                .put("id", "price_nobody_sells");
        deliver("evt_unknown_price", "customer.subscription.created", Instant.now().getEpochSecond(), subscription);

        assertThat(TestKafka.header(deadLetter("evt_unknown_price"), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                .contains("price_nobody_sells", "catalogs/");
    }

    private String linkedAccount(String customer) {
        return jdbc.sql("SELECT account_id FROM stripe_customer WHERE customer_id = :id").param("id", customer)
                .query(String.class).optional().orElse(null);
    }
}
