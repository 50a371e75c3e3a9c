package dev.tollgate.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.StripeWebhooks;
import dev.tollgate.platform.test.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * billing-service as it runs: real PostgreSQL, the embedded Kafka broker, WireMock as Stripe's API.
 * Every subclass shares one Spring context. The parked-event sweep is slowed to an hour so a test
 * sees which path drained an event; tests that need the sweep run it themselves.
 */
@SpringBootTest(classes = BillingApplication.class, properties = {"spring.config.name=" + BillingApplication.CONFIG_NAME,
        "tollgate.stripe.retry-wait=100ms", "tollgate.billing.parked.sweep-interval=1h"})
@ContextConfiguration(initializers = {RealInfrastructure.class, StripeApiStandIn.class})
public abstract class BillingIntegrationTest {

    public static final String MONTHLY_PRICE = "price_community_monthly_usd";

    @Autowired
    protected JdbcClient jdbc;

    /** A subscription built from Stripe's example object; {@code account} null leaves the metadata empty. */
    protected static ObjectNode subscription(String id, String customer, String account, String status) {
        ObjectNode subscription = StripeWebhooks.fixture("subscription");
        subscription.put("id", id);
        subscription.put("customer", customer);
        subscription.put("status", status);
        subscription.put("cancel_at_period_end", false);
        ObjectNode metadata = subscription.putObject("metadata");
        if (account != null) {
            metadata.put("organization_id", account);
        }
        ObjectNode item = (ObjectNode) subscription.path("items").path("data").path(0);
        item.put("current_period_end", Instant.now().plus(Duration.ofDays(30)).getEpochSecond());
        ObjectNode price = (ObjectNode) item.path("price");
        price.put("id", MONTHLY_PRICE);
        price.put("unit_amount", 2000);
        price.put("currency", "usd");
        return subscription;
    }

    protected static ObjectNode checkout(String customer, String clientReferenceId, String email) {
        ObjectNode session = StripeWebhooks.fixture("checkout.session");
        session.put("id", "cs_" + customer + "_" + clientReferenceId.hashCode());
        session.put("mode", "subscription");
        session.put("customer", customer);
        session.put("client_reference_id", clientReferenceId);
        session.putObject("metadata");
        ((ObjectNode) session.path("customer_details")).put("email", email);
        return session;
    }

    /** Sends a Stripe event to the webhook topic the way the gateway does (key = customer id). */
    protected static void deliver(String eventId, String type, long created, ObjectNode object) {
        String customer = object.path("customer").asString();
        deliverRaw(eventId, type, customer, StripeWebhooks.json().writeValueAsString(
                StripeWebhooks.event(eventId, type, created, object)));
    }

    protected static void deliverRaw(String eventId, String type, String customer, String payload) {
        TestKafka.send(Topics.STRIPE_WEBHOOKS, customer, payload, CloudEventHeaders.of(eventId, "/test", "stripe." + type,
                Instant.now(), customer));
    }

    /** The positive marker that billing has processed (applied, ignored or parked) an event. */
    protected boolean processed(String eventId) {
        return jdbc.sql("SELECT count(*) FROM inbox WHERE event_id = :id").param("id", eventId).query(Long.class).single() > 0;
    }

    protected String heldStatus(String subscriptionId) {
        return jdbc.sql("SELECT status FROM stripe_subscription WHERE subscription_id = :id").param("id", subscriptionId)
                .query(String.class).optional().orElse(null);
    }

    /** The account's {@code billing.subscription.changed.v1} events (other billing events are left out). */
    protected static List<JsonNode> billingEvents(String account, int wanted) {
        return billingEvents(account, "billing.subscription.changed.v1", wanted);
    }

    /** The account's billing events of one type, in the order they are on the topic. */
    protected static List<JsonNode> billingEvents(String account, String type, int wanted) {
        return TestKafka.read(Topics.BILLING, r -> account.equals(r.key())
                && type.equals(TestKafka.header(r, CloudEventHeaders.TYPE)), wanted, Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::value).map(StripeWebhooks.json()::readTree).toList();
    }

    /** An invoice built from Stripe's example object, of a subscription, in the newer API shape ({@code parent}). */
    protected static ObjectNode invoice(String id, String customer, String subscriptionId, String status, long amountDue,
            long amountPaid, int attempts) {
        ObjectNode invoice = StripeWebhooks.fixture("invoice");
        invoice.put("id", id);
        invoice.put("customer", customer);
        invoice.put("status", status);
        invoice.put("amount_due", amountDue);
        invoice.put("amount_paid", amountPaid);
        invoice.put("currency", "usd");
        invoice.put("attempt_count", attempts);
        invoice.put("number", "INV-" + id);
        invoice.put("hosted_invoice_url", "https://invoice.stripe.com/i/" + id);
        invoice.put("invoice_pdf", "https://pay.stripe.com/invoice/" + id + "/pdf");
        invoice.put("billing_reason", "subscription_cycle");
        invoice.put("created", Instant.now().getEpochSecond());
        ObjectNode parent = invoice.putObject("parent");
        parent.put("type", "subscription_details");
        parent.putObject("subscription_details").put("subscription", subscriptionId).putObject("metadata");
        ObjectNode period = (ObjectNode) invoice.path("lines").path("data").path(0).path("period");
        period.put("start", Instant.now().getEpochSecond());
        period.put("end", Instant.now().plus(Duration.ofDays(30)).getEpochSecond());
        return invoice;
    }

    /** Waits until every event billing published is acknowledged by Kafka, then returns all of the account's of {@code type}. */
    protected List<JsonNode> allPublished(String account, String type) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("SELECT count(*) FROM event_publication").query(Long.class).single() == 0);
        return TestKafka.readAll(Topics.BILLING, r -> account.equals(r.key())
                && type.equals(TestKafka.header(r, CloudEventHeaders.TYPE))).stream()
                .map(ConsumerRecord::value).map(StripeWebhooks.json()::readTree).toList();
    }

    /** The dead letter of a Stripe event, matched by the CloudEvent id it carries. */
    protected static ConsumerRecord<String, String> deadLetter(String ceId) {
        List<ConsumerRecord<String, String>> found = TestKafka.read(Topics.deadLetterOf(Topics.STRIPE_WEBHOOKS),
                r -> ceId.equals(TestKafka.header(r, CloudEventHeaders.ID)), 1, Duration.ofSeconds(60));
        return found.isEmpty() ? null : found.getFirst();
    }
}
