package dev.tollgate.billing.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.tollgate.billing.BillingIntegrationTest;
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.StripeWebhooks;
import dev.tollgate.platform.test.TestKafka;
import tools.jackson.databind.node.ObjectNode;

class StripeEventsToBillingEventsTest extends BillingIntegrationTest {

    @Test
    void aSubscriptionEventForACatalogPriceIsPublishedAsANormalizedBillingEventThatMatchesItsSchema() {
        long created = Instant.now().getEpochSecond();
        ObjectNode subscription = subscription("sub_schema", "cus_schema", "acct_schema", "trialing", "price_community_annual_usd");
        String payload = StripeWebhooks.json().writeValueAsString(
                StripeWebhooks.event("evt_schema", "customer.subscription.created", created, subscription));

        TestKafka.send(Topics.STRIPE_WEBHOOKS, "cus_schema", payload, CloudEventHeaders.of("evt_schema",
                "/test", "stripe.customer.subscription.created", Instant.ofEpochSecond(created), "cus_schema"));

        List<ConsumerRecord<String, String>> published = TestKafka.read(Topics.BILLING,
                r -> "acct_schema".equals(r.key())
                        && "billing.subscription.changed.v1".equals(TestKafka.header(r, CloudEventHeaders.TYPE)), 1,
                Duration.ofSeconds(30));
        assertThat(published).hasSize(1);
        ConsumerRecord<String, String> record = published.getFirst();
        assertThat(TestKafka.header(record, CloudEventHeaders.TYPE)).isEqualTo("billing.subscription.changed.v1");
        assertThat(TestKafka.header(record, CloudEventHeaders.SUBJECT)).isEqualTo("acct_schema");
        assertThat(TestKafka.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(record.headers().lastHeader("__TypeId__")).isNull();
        assertThat(record.value()).contains("\"planId\":\"community\"", "\"billingInterval\":\"year\"",
                "\"amountMinor\":20000", "\"sequence\":1");
        assertThat(EventContract.violations("billing.subscription.changed.v1", record.value())).isEmpty();
        // No checkout told us the e-mail, so it came from Stripe's customer API (the stand-in's address).
        assertThat(record.value()).contains("\"customerEmail\":\"cus_schema@customers.tollgate.test\"");
    }

    static ObjectNode subscription(String id, String customer, String account, String status, String price) {
        ObjectNode subscription = subscription(id, customer, account, status);
        ObjectNode priceNode = (ObjectNode) subscription.path("items").path("data").path(0).path("price");
        priceNode.put("id", price);
        priceNode.put("unit_amount", 20000);
        ((ObjectNode) priceNode.path("recurring")).put("interval", "year");
        return subscription;
    }
}
