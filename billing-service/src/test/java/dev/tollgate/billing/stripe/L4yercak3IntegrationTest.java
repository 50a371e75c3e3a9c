package dev.tollgate.billing.stripe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.billing.BillingApplication;
import dev.tollgate.billing.StripeApiStandIn;
import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.StripeWebhooks;
import dev.tollgate.platform.test.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * billing-service selling the l4yercak3 catalog (plans with add-ons, one-time purchases), on its own
 * database. Its Kafka listener is not started: the Community Edition context of the other tests
 * consumes the same webhook topic, and two catalogs reading each other's events would dead-letter them.
 * Events are handed to the same consumer (inbox, then the router) the listener calls for a record,
 * so duplicates are dropped by the inbox exactly as on the topic; what billing publishes goes through
 * the outbox to Kafka as always.
 */
@SpringBootTest(classes = BillingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"spring.config.name=" + BillingApplication.CONFIG_NAME,
        "tollgate.catalog.name=l4yercak3", "spring.kafka.listener.auto-startup=false", "tollgate.stripe.retry-wait=100ms",
        "tollgate.billing.parked.sweep-interval=1h"})
@ContextConfiguration(initializers = {RealInfrastructure.class, StripeApiStandIn.class})
public abstract class L4yercak3IntegrationTest {

    @org.springframework.boot.test.web.server.LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    private Inbox inbox;
    @Autowired
    private StripeEventRouter router;
    @Autowired
    private JsonMapper json;

    /** Delivers a Stripe event as the webhook consumer receives it: through the inbox, once per event id. */
    public void deliver(String eventId, String type, long created, ObjectNode object) {
        String customer = object.path("customer").asString(null);
        String payload = StripeWebhooks.json().writeValueAsString(StripeWebhooks.event(eventId, type, created, object));
        inbox.receive(StripeEventRouter.CONSUMER, new EventEnvelope(eventId, "/test", "stripe." + type,
                Instant.ofEpochSecond(created), customer, payload), envelope -> router.route(StripeEvent.parse(envelope.data(), json)));
    }

    /** Every event of {@code type} billing published for the account, once its outbox is empty. */
    protected List<JsonNode> allPublished(String account, String type) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("SELECT count(*) FROM event_publication").query(Long.class).single() == 0);
        return TestKafka.readAll(Topics.BILLING, r -> account.equals(r.key())
                && type.equals(TestKafka.header(r, CloudEventHeaders.TYPE))).stream()
                .map(ConsumerRecord::value).map(StripeWebhooks.json()::readTree).toList();
    }

    /** A subscription of the l4yercak3 catalog: the plan's price first, then {@code extra} items (price, amount, quantity). */
    public static ObjectNode subscription(String id, String customer, String account, String status, String planPrice,
            long planAmount, long periodStart, long periodEnd, Object... extra) {
        ObjectNode subscription = StripeWebhooks.fixture("subscription");
        subscription.put("id", id);
        subscription.put("customer", customer);
        subscription.put("status", status);
        subscription.put("cancel_at_period_end", false);
        subscription.put("currency", "eur");
        subscription.remove("trial_start");
        subscription.remove("trial_end");
        subscription.putObject("metadata").put("organization_id", account);
        ObjectNode template = (ObjectNode) subscription.path("items").path("data").path(0);
        var items = ((ObjectNode) subscription.path("items")).putArray("data");
        items.add(item(template, id + "_plan", planPrice, planAmount, 1, periodStart, periodEnd));
        for (int i = 0; i < extra.length; i += 3) {
            items.add(item(template, id + "_" + extra[i], (String) extra[i], ((Number) extra[i + 1]).longValue(),
                    ((Number) extra[i + 2]).longValue(), periodStart, periodEnd));
        }
        return subscription;
    }

    private static ObjectNode item(ObjectNode template, String id, String price, long amount, long quantity, long start,
            long end) {
        ObjectNode item = template.deepCopy();
        item.put("id", id);
        item.put("quantity", quantity);
        item.put("current_period_start", start);
        item.put("current_period_end", end);
        ObjectNode priceNode = (ObjectNode) item.path("price");
        priceNode.put("id", price);
        priceNode.put("unit_amount", amount);
        priceNode.put("currency", "eur");
        ((ObjectNode) priceNode.path("recurring")).put("interval", "month");
        return item;
    }

    public static ObjectNode invoice(String id, String customer, String subscriptionId, String status, long due, long paid,
            int attempts, long created, long periodStart, long periodEnd) {
        ObjectNode invoice = StripeWebhooks.fixture("invoice");
        invoice.put("id", id);
        invoice.put("customer", customer);
        invoice.put("status", status);
        invoice.put("amount_due", due);
        invoice.put("amount_paid", paid);
        invoice.put("currency", "eur");
        invoice.put("attempt_count", attempts);
        invoice.put("created", created);
        invoice.put("number", "L4-" + id);
        invoice.put("hosted_invoice_url", "https://invoice.stripe.com/i/" + id);
        invoice.put("invoice_pdf", "https://pay.stripe.com/invoice/" + id + "/pdf");
        invoice.putNull("next_payment_attempt");
        ObjectNode parent = invoice.putObject("parent");
        parent.put("type", "subscription_details");
        parent.putObject("subscription_details").put("subscription", subscriptionId).putObject("metadata");
        ObjectNode period = (ObjectNode) invoice.path("lines").path("data").path(0).path("period");
        period.put("start", periodStart);
        period.put("end", periodEnd);
        return invoice;
    }

    public static ObjectNode checkout(String sessionId, String mode, String customer, String account, String email) {
        ObjectNode session = StripeWebhooks.fixture("checkout.session");
        session.put("id", sessionId);
        session.put("mode", mode);
        session.put("customer", customer);
        session.put("client_reference_id", account);
        session.put("status", "complete");
        session.put("payment_status", "paid");
        session.put("currency", "eur");
        session.putObject("metadata").put("organization_id", account);
        ((ObjectNode) session.path("customer_details")).put("email", email);
        return session;
    }
}
