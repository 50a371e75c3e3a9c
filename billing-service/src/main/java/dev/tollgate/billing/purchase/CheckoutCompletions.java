package dev.tollgate.billing.purchase;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.billing.catalog.Catalog;
import dev.tollgate.billing.catalog.PlanCatalog;
import dev.tollgate.billing.customer.CustomerLink;
import dev.tollgate.billing.customer.CustomerLinks;
import dev.tollgate.billing.stripe.DerivedIds;
import dev.tollgate.billing.stripe.StripeEvent;
import dev.tollgate.billing.stripeapi.StripeApi;
import dev.tollgate.billing.subscription.UnknownPriceException;
import tools.jackson.databind.JsonNode;

/** Applies {@code checkout.session.completed} and {@code checkout.session.async_payment_succeeded}. */
@Component
public class CheckoutCompletions {

    /** Metadata our checkout writes on a payment-mode session, so completing it needs no call to Stripe. */
    public static final String PRICE_METADATA = "tollgate_price_id";
    public static final String QUANTITY_METADATA = "tollgate_quantity";

    private static final Logger log = LoggerFactory.getLogger(CheckoutCompletions.class);

    private final JdbcClient jdbc;
    private final PlanCatalog catalog;
    private final CustomerLinks customers;
    private final StripeApi stripe;
    private final ApplicationEventPublisher events;

    CheckoutCompletions(JdbcClient jdbc, PlanCatalog catalog, CustomerLinks customers, StripeApi stripe,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.customers = customers;
        this.stripe = stripe;
        this.events = events;
    }

    private record Line(String priceId, long quantity, Long amountTotal) {
    }

    public void apply(StripeEvent event) {
        JsonNode session = event.object();
        boolean purchase = "payment".equals(text(session.path("mode")));
        boolean paid = "checkout.session.async_payment_succeeded".equals(event.type())
                || List.of("paid", "no_payment_required").contains(String.valueOf(text(session.path("payment_status"))));
        // Stripe first, before the link's row lock.
        List<Line> lines = purchase && paid ? lines(session) : List.of();
        Optional<CustomerLink> link = customers.linkFromCheckout(session);
        if (!purchase) {
            return;
        }
        if (!paid) {
            log.info("Checkout session {} completed unpaid (a delayed payment method); the purchase is recorded once "
                    + "Stripe reports checkout.session.async_payment_succeeded", text(session.path("id")));
            return;
        }
        String account = link.map(CustomerLink::accountId).orElseGet(() -> customers.accountOfCheckout(session));
        if (account == null) {
            log.warn("Paid checkout session {} names no account; its purchase cannot be recorded", text(session.path("id")));
            return;
        }
        for (Line line : lines) {
            record(event, session, account, link.map(CustomerLink::email).orElse(null), line, lines.size() == 1);
        }
    }

    private void record(StripeEvent event, JsonNode session, String account, String email, Line line, boolean only) {
        String sessionId = text(session.path("id"));
        Catalog.Product product = catalog.productByPrice(line.priceId())
                .orElseThrow(() -> new UnknownPriceException("checkout session " + sessionId, line.priceId(), true));
        Catalog.Price price = catalog.price(line.priceId()).orElseThrow();
        long amount = line.amountTotal() != null ? line.amountTotal()
                : only && session.path("amount_total").isNumber() ? session.path("amount_total").asLong()
                : price.amountMinor() * line.quantity();
        String currency = Optional.ofNullable(text(session.path("currency"))).orElse(price.currency()).toLowerCase();
        String customer = text(session.path("customer"));
        String paymentIntent = idOf(session.path("payment_intent"));
        String invoice = idOf(session.path("invoice"));
        int inserted = jdbc.sql("""
                INSERT INTO one_time_purchase (checkout_session_id, account_id, customer_id, product_id, price_id, quantity,
                                               amount_minor, currency, payment_intent_id, invoice_id, completed_at)
                VALUES (:session, :account, :customer, :product, :price, :quantity, :amount, :currency, :intent, :invoice,
                        :completed)
                ON CONFLICT DO NOTHING""")
                .param("session", sessionId).param("account", account).param("customer", customer == null ? "" : customer)
                .param("product", product.id()).param("price", line.priceId()).param("quantity", line.quantity())
                .param("amount", amount).param("currency", currency).param("intent", paymentIntent)
                .param("invoice", invoice).param("completed", Timestamp.from(event.created()))
                .update();
        if (inserted == 0) {
            log.info("One-time purchase of {} in checkout session {} was recorded already", line.priceId(), sessionId);
            return;
        }
        events.publishEvent(new OneTimePurchaseCompleted(DerivedIds.of("one_time_purchase", sessionId, line.priceId()),
                account, event.created(), event.id(), sessionId, customer, product.id(), line.priceId(), price.lookupKey(),
                line.quantity(), amount, currency, paymentIntent, invoice, email));
    }

    /** The session's line items: expanded in the event, else our checkout's metadata, else Stripe's API. */
    private List<Line> lines(JsonNode session) {
        JsonNode items = session.path("line_items").path("data");
        if (!items.isArray() || items.isEmpty()) {
            String price = text(session.path("metadata").path(PRICE_METADATA));
            if (price != null) {
                String quantity = text(session.path("metadata").path(QUANTITY_METADATA));
                return List.of(new Line(price, quantity == null ? 1 : Long.parseLong(quantity), null));
            }
            JsonNode listed = stripe.checkoutLineItems(text(session.path("id")));
            if (listed == null) {
                throw new dev.tollgate.platform.events.MalformedEventException("Stripe does not know the line items of paid "
                        + "checkout session " + text(session.path("id")) + " (404), so its purchase cannot be recorded");
            }
            items = listed.path("data");
        }
        List<Line> lines = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode price = item.path("price");
            String priceId = price.isString() ? text(price) : text(price.path("id"));
            if (priceId != null) {
                lines.add(new Line(priceId, item.path("quantity").asLong(1),
                        item.path("amount_total").isNumber() ? item.path("amount_total").asLong() : null));
            }
        }
        return lines;
    }

    private static String idOf(JsonNode node) {
        return node.isObject() ? text(node.path("id")) : text(node);
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
