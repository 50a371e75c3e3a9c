package dev.tollgate.billing.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.billing.BillingIntegrationTest;
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.TestKafka;

class CatalogPublishedTest extends BillingIntegrationTest {

    @Autowired
    CatalogPublisher publisher;

    @Test
    void atStartUpBillingPublishesTheWholeCatalogToTheCompactedCatalogTopicInItsSchema() {
        List<ConsumerRecord<String, String>> published = TestKafka.read(Topics.CATALOG,
                r -> CatalogPublished.KEY.equals(r.key()), 1, Duration.ofSeconds(30));

        ConsumerRecord<String, String> record = published.getFirst();
        assertThat(TestKafka.header(record, CloudEventHeaders.TYPE)).isEqualTo("catalog.published.v1");
        assertThat(record.value()).contains("\"catalogId\":\"community-edition\"", "\"plan_tier\":\"community\"",
                "\"priority_support_tickets\":{\"limit\":5,\"period\":\"month\"}", "\"amountMinor\":18000",
                "\"formerIds\":[\"price_community_monthly_usd\"]");
        assertThat(EventContract.violations("catalog.published.v1", record.value())).isEmpty();
        assertThat(jdbc.sql("SELECT catalog_id FROM published_catalog").query(String.class).list())
                .containsExactly("community-edition");
    }

    @Test
    void theSameCatalogIsNotPublishedAgain() {
        assertThat(publisher.publish()).isEmpty();
        assertThat(publisher.publish()).isEmpty();
    }

    @Test
    void aChangedCatalogIsPublishedOnceWithAnIdDerivedFromItsContent() {
        String published = jdbc.sql("SELECT content_hash FROM published_catalog").query(String.class).single();
        try {
            jdbc.sql("UPDATE published_catalog SET content_hash = 'an-older-catalog'").update();

            CatalogPublished again = publisher.publish().orElseThrow();

            assertThat(again.contentHash()).isEqualTo(published);
            assertThat(publisher.publish()).isEmpty();
            List<ConsumerRecord<String, String>> records = TestKafka.read(Topics.CATALOG,
                    r -> r.value().contains(again.eventId().toString()), 1, Duration.ofSeconds(30));
            assertThat(TestKafka.header(records.getFirst(), CloudEventHeaders.ID))
                    .as("the same content has the same id, so inboxes drop a second copy").isEqualTo(again.eventId().toString());
        } finally {
            jdbc.sql("UPDATE published_catalog SET content_hash = ?").param(published).update();
        }
    }
}
