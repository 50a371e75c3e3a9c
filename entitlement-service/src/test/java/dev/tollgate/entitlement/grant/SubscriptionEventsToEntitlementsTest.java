package dev.tollgate.entitlement.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.entitlement.EntitlementApplication;
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.TestKafka;

@SpringBootTest(classes = EntitlementApplication.class, properties = "spring.config.name=" + EntitlementApplication.CONFIG_NAME)
@ContextConfiguration(initializers = RealInfrastructure.class)
class SubscriptionEventsToEntitlementsTest {

    @Test
    void aTrialGrantsThePlanThenACancellationRevokesItEachPublishedOnceAndToSchema() {
        Instant t0 = Instant.now().minusSeconds(60);
        String trialId = UUID.randomUUID().toString();
        sendSubscription(trialId, "acct_grant", "trial_started", "trialing", t0);
        sendSubscription(trialId, "acct_grant", "trial_started", "trialing", t0);
        sendSubscription(UUID.randomUUID().toString(), "acct_grant", "activated", "active", t0.plusSeconds(10));
        sendSubscription(UUID.randomUUID().toString(), "acct_grant", "canceled", "canceled", t0.plusSeconds(20));

        List<ConsumerRecord<String, String>> published = TestKafka.read(Topics.ENTITLEMENT,
                record -> "acct_grant".equals(record.key()), 4, Duration.ofSeconds(10));

        assertThat(published).hasSize(3);
        assertThat(published.get(0).value()).contains("\"priority_support_tickets\":{\"limit\":5,\"period\":\"month\"}");
        assertThat(published.get(1).value()).contains("\"subscriptionStatus\":\"active\"");
        assertThat(published.get(2).value()).contains("\"features\":{}");
        published.forEach(record -> assertThat(EventContract.violations("entitlements.changed.v1", record.value())).isEmpty());
    }

    private static void sendSubscription(String eventId, String account, String transition, String status, Instant at) {
        String body = """
                {"transition":"%s","eventId":"%s","accountId":"%s","occurredAt":"%s","subscriptionId":"sub_%s","planId":"community",
                 "status":"%s","billingInterval":"month","trialEnd":null,"currentPeriodEnd":null,"cancelAtPeriodEnd":false,
                 "amountMinor":2000,"currency":"usd","email":"g@example.com"}"""
                .formatted(transition.toUpperCase(), eventId, account, at, account, status);
        TestKafka.send(Topics.SUBSCRIPTION, account, body, CloudEventHeaders.of(eventId, "/tollgate/subscription-service",
                "subscription." + transition + ".v1", at, account));
    }
}
