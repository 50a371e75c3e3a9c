package dev.tollgate.stripe.emulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the emulator holds, and what happens to it: checkout payment, subscriptions through
 * trial, renewals, failed payments with Stripe's smart retries and recovery, and the events each step
 * sends, in Stripe's order with {@code data.object} the object's state at that step. One lock guards
 * it all (calls are few and quick); events leave through {@code publish} in the order they happened.
 */
final class StripeState {

    /** Stripe's smart retries, as days after the first failed attempt; after the last, the subscription is canceled. */
    static final int[] RETRY_DAYS = {3, 5, 7};
    static final long DAY = 86_400;

    static final String CARD_SUCCEEDS = "succeeds";
    static final String CARD_FAILS = "fails";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String baseUrl;
    private final String apiVersion;
    private final Supplier<Instant> wall;
    private final Consumer<ObjectNode> publish;

    private final Map<String, ObjectNode> customers = new LinkedHashMap<>();
    private final Map<String, ObjectNode> subscriptions = new LinkedHashMap<>();
    private final Map<String, ObjectNode> invoices = new LinkedHashMap<>();
    private final Map<String, ObjectNode> paymentIntents = new LinkedHashMap<>();
    private final Map<String, ObjectNode> sessions = new LinkedHashMap<>();
    private final Map<String, ArrayNode> sessionLines = new LinkedHashMap<>();
    private final Map<String, ObjectNode> portalConfigurations = new LinkedHashMap<>();
    private final Map<String, ObjectNode> portalSessions = new LinkedHashMap<>();
    private final Map<String, ObjectNode> products = new LinkedHashMap<>();
    private final Map<String, ObjectNode> prices = new LinkedHashMap<>();
    private final Map<String, SimClock> clocks = new LinkedHashMap<>();
    private final Map<String, ObjectNode> events = new LinkedHashMap<>();
    /** Customer id to the clock that drives it (a Stripe test clock, or its implicit one). */
    private final Map<String, String> customerClock = new LinkedHashMap<>();
    private final Map<String, String> cardOutcome = new LinkedHashMap<>();
    private final Map<String, Long> firstFailure = new LinkedHashMap<>();
    private final Map<String, Boolean> trialWillEndSent = new LinkedHashMap<>();
    private int invoiceNumber;

    StripeState(String baseUrl, String apiVersion, Supplier<Instant> wall, Consumer<ObjectNode> publish) {
        this.baseUrl = baseUrl;
        this.apiVersion = apiVersion;
        this.wall = wall;
        this.publish = publish;
    }

    static String id(String prefix) {
        StringBuilder id = new StringBuilder(prefix).append("_emu");
        for (int i = 0; i < 20; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    // ---------------------------------------------------------------- reads

    synchronized Optional<ObjectNode> get(String kind, String id) {
        ObjectNode found = map(kind).get(id);
        if (found == null && "price".equals(kind)) {
            found = prices.values().stream().filter(p -> id.equals(p.path("lookup_key").asString(null))).findFirst().orElse(null);
        }
        return Optional.ofNullable(found).map(ObjectNode::deepCopy);
    }

    synchronized List<ObjectNode> list(String kind, java.util.function.Predicate<ObjectNode> filter) {
        return map(kind).values().stream().filter(filter).map(ObjectNode::deepCopy).toList();
    }

    synchronized Optional<ArrayNode> lineItems(String sessionId) {
        return Optional.ofNullable(sessionLines.get(sessionId)).map(ArrayNode::deepCopy);
    }

    synchronized Optional<ObjectNode> clock(String id) {
        SimClock clock = clocks.get(id);
        return clock == null || !clock.frozen ? Optional.empty() : Optional.of(clockJson(clock));
    }

    synchronized List<ObjectNode> stripeClocks() {
        return clocks.values().stream().filter(c -> c.frozen).map(this::clockJson).toList();
    }

    synchronized long now(String customerId) {
        return clockOf(customerId).now();
    }

    synchronized String card(String customerId) {
        return cardOutcome.getOrDefault(customerId, CARD_SUCCEEDS);
    }

    private Map<String, ObjectNode> map(String kind) {
        return switch (kind) {
            case "customer" -> customers;
            case "subscription" -> subscriptions;
            case "invoice" -> invoices;
            case "payment_intent" -> paymentIntents;
            case "checkout.session" -> sessions;
            case "billing_portal.configuration" -> portalConfigurations;
            case "billing_portal.session" -> portalSessions;
            case "product" -> products;
            case "price" -> prices;
            case "event" -> events;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    // ---------------------------------------------------------------- catalog

    synchronized void putProduct(ObjectNode product) {
        product.put("created", wall.get().getEpochSecond());
        products.merge(product.path("id").asString(), product, (old, given) -> {
            old.setAll(given);
            return old;
        });
    }

    synchronized void putPrice(ObjectNode price) {
        price.put("created", wall.get().getEpochSecond());
        prices.put(price.path("id").asString(), price);
    }

    synchronized ObjectNode createProduct(ObjectNode form) {
        ObjectNode product = NODES.objectNode();
        product.put("id", text(form, "id", id("prod"))).put("object", "product").put("active", true).put("livemode", false);
        copyScalars(form, product, "id");
        putProduct(product);
        return product.deepCopy();
    }

    synchronized Optional<ObjectNode> updateProduct(String id, ObjectNode form) {
        ObjectNode product = products.get(id);
        if (product == null) {
            return Optional.empty();
        }
        copyScalars(form, product, "id");
        return Optional.of(product.deepCopy());
    }

    synchronized ObjectNode createPrice(ObjectNode form) {
        ObjectNode price = NODES.objectNode();
        price.put("id", id("price")).put("object", "price").put("active", true).put("livemode", false)
                .put("currency", text(form, "currency", "usd").toLowerCase())
                .put("unit_amount", Long.parseLong(text(form, "unit_amount", "0")))
                .put("product", text(form, "product", null)).put("billing_scheme", "per_unit");
        if (form.hasNonNull("lookup_key")) {
            price.put("lookup_key", form.get("lookup_key").asString());
            // transfer_lookup_key: the key moves to the new price, as Stripe does.
            prices.values().stream().filter(p -> price.get("lookup_key").asString().equals(p.path("lookup_key").asString(null)))
                    .forEach(p -> p.putNull("lookup_key"));
        }
        if (form.hasNonNull("nickname")) {
            price.put("nickname", form.get("nickname").asString());
        }
        price.set("metadata", form.has("metadata") ? form.get("metadata") : NODES.objectNode());
        if (form.path("recurring").isObject()) {
            price.put("type", "recurring");
            price.putObject("recurring").put("interval", text(form.get("recurring"), "interval", "month"))
                    .put("interval_count", Integer.parseInt(text(form.get("recurring"), "interval_count", "1"))).put("usage_type", "licensed");
        } else {
            price.put("type", "one_time").putNull("recurring");
        }
        putPrice(price);
        return price.deepCopy();
    }

    synchronized Optional<ObjectNode> updatePrice(String id, ObjectNode form) {
        ObjectNode price = prices.get(id);
        if (price == null) {
            return Optional.empty();
        }
        if (form.has("active")) {
            price.put("active", Boolean.parseBoolean(form.get("active").asString()));
        }
        if (form.has("nickname")) {
            price.put("nickname", form.get("nickname").asString());
        }
        if (form.path("metadata").isObject()) {
            price.set("metadata", form.get("metadata"));
        }
        return Optional.of(price.deepCopy());
    }

    // ---------------------------------------------------------------- test clocks

    synchronized ObjectNode createClock(ObjectNode form) {
        long frozen = Long.parseLong(text(form, "frozen_time", Long.toString(wall.get().getEpochSecond())));
        SimClock clock = new SimClock(id("clock"), text(form, "name", null), true, frozen, wall);
        clocks.put(clock.id, clock);
        return clockJson(clock);
    }

    /** Advances a Stripe test clock to {@code frozenTime}, running everything due on the way, in time order. */
    synchronized Optional<ObjectNode> advanceClock(String clockId, long frozenTime) {
        SimClock clock = clocks.get(clockId);
        if (clock == null || !clock.frozen) {
            return Optional.empty();
        }
        runUntil(clock, frozenTime);
        return Optional.of(clockJson(clock));
    }

    /** Advances the clock driving {@code customerId} by {@code days}. */
    synchronized Optional<Long> advanceCustomer(String customerId, long days) {
        if (!customers.containsKey(customerId)) {
            return Optional.empty();
        }
        SimClock clock = clockOf(customerId);
        runUntil(clock, clock.now() + days * DAY);
        return Optional.of(clock.now());
    }

    private ObjectNode clockJson(SimClock clock) {
        ObjectNode json = NODES.objectNode();
        json.put("id", clock.id).put("object", "test_helpers.test_clock").put("created", clock.created)
                .put("deletes_after", clock.created + 30 * DAY).put("frozen_time", clock.now()).put("livemode", false)
                .put("name", clock.name).put("status", "ready").putObject("status_details");
        return json;
    }

    private SimClock clockOf(String customerId) {
        return clocks.computeIfAbsent(customerClock.computeIfAbsent(customerId, c -> id("clock")),
                clockId -> new SimClock(clockId, "implicit clock of " + customerId, false, 0, wall));
    }

    private void runUntil(SimClock clock, long target) {
        while (true) {
            Optional<Due> next = nextDue(clock, target);
            if (next.isEmpty()) {
                break;
            }
            clock.moveTo(next.get().at());
            next.get().action().run();
        }
        clock.moveTo(target);
    }

    private record Due(long at, Runnable action) {
    }

    private Optional<Due> nextDue(SimClock clock, long target) {
        List<Due> due = new ArrayList<>();
        for (ObjectNode sub : subscriptions.values()) {
            String customer = sub.path("customer").asString();
            if (!clock.id.equals(customerClock.get(customer))) {
                continue;
            }
            String status = sub.path("status").asString();
            long trialEnd = sub.path("trial_end").asLong(0);
            if ("trialing".equals(status)) {
                long warn = Math.max(sub.path("created").asLong(), trialEnd - 3 * DAY);
                if (!trialWillEndSent.getOrDefault(sub.path("id").asString(), false) && warn <= target) {
                    due.add(new Due(warn, () -> trialWillEnd(sub, warn)));
                }
                if (trialEnd <= target) {
                    due.add(new Due(trialEnd, () -> endTrial(sub, trialEnd)));
                }
            } else if ("active".equals(status) || "past_due".equals(status)) {
                long periodEnd = periodEnd(sub);
                if (periodEnd <= target) {
                    due.add(new Due(periodEnd, () -> renew(sub, periodEnd)));
                }
            }
        }
        for (ObjectNode invoice : invoices.values()) {
            String customer = invoice.path("customer").asString();
            long retryAt = invoice.path("next_payment_attempt").asLong(0);
            if (clock.id.equals(customerClock.get(customer)) && "open".equals(invoice.path("status").asString())
                    && retryAt > 0 && retryAt <= target) {
                due.add(new Due(retryAt, () -> attemptPayment(invoice, retryAt)));
            }
        }
        // Stable: at one instant, the order the objects were created in.
        return due.stream().min(Comparator.comparingLong(Due::at));
    }

    // ---------------------------------------------------------------- customers

    synchronized ObjectNode createCustomer(ObjectNode form) {
        String clock = text(form, "test_clock", null);
        if (clock != null && (!clocks.containsKey(clock) || !clocks.get(clock).frozen)) {
            throw new NoSuchObject("test_clock", clock);
        }
        String id = id("cus");
        if (clock != null) {
            customerClock.put(id, clock);
        }
        long now = clockOf(id).now();
        ObjectNode customer = NODES.objectNode();
        customer.put("id", id).put("object", "customer").put("created", now).put("livemode", false)
                .put("email", text(form, "email", null)).put("name", text(form, "name", null)).put("currency", (String) null)
                .put("delinquent", false).put("description", text(form, "description", null))
                .put("test_clock", clock);
        customer.set("metadata", form.path("metadata").isObject() ? form.get("metadata").deepCopy() : NODES.objectNode());
        customer.putObject("invoice_settings").putNull("default_payment_method").putNull("custom_fields").putNull("footer");
        customers.put(id, customer);
        emit("customer.created", customer, null, now);
        return customer.deepCopy();
    }

    /** A customer this emulator never created, made up on first read (no event: for Stripe it existed before). */
    synchronized ObjectNode customerOrAdopted(String id) {
        return customers.computeIfAbsent(id, unknown -> {
            ObjectNode customer = NODES.objectNode();
            customer.put("id", id).put("object", "customer").put("created", clockOf(id).now()).put("livemode", false)
                    .put("email", id + "@customers.tollgate.test").put("delinquent", false).putNull("test_clock");
            customer.putObject("metadata");
            customer.putObject("invoice_settings").putNull("default_payment_method");
            return customer;
        }).deepCopy();
    }

    synchronized Optional<ObjectNode> updateCustomer(String id, ObjectNode form) {
        ObjectNode customer = customers.get(id);
        if (customer == null) {
            return Optional.empty();
        }
        ObjectNode previous = NODES.objectNode();
        for (String field : List.of("email", "name", "description")) {
            if (form.has(field)) {
                previous.set(field, customer.get(field));
                customer.put(field, form.get(field).asString());
            }
        }
        if (form.path("metadata").isObject()) {
            previous.set("metadata", customer.get("metadata").deepCopy());
            ((ObjectNode) customer.get("metadata")).setAll((ObjectNode) form.get("metadata"));
        }
        emit("customer.updated", customer, previous, clockOf(id).now());
        return Optional.of(customer.deepCopy());
    }

    /** The customer's card: {@link #CARD_SUCCEEDS}, or {@link #CARD_FAILS} (every charge from now on fails). */
    synchronized Optional<ObjectNode> setCard(String customerId, String outcome) {
        ObjectNode customer = customers.get(customerId);
        if (customer == null) {
            return Optional.empty();
        }
        long now = clockOf(customerId).now();
        cardOutcome.put(customerId, outcome);
        ObjectNode previous = NODES.objectNode();
        previous.putObject("invoice_settings").set("default_payment_method",
                customer.path("invoice_settings").path("default_payment_method").deepCopy());
        String paymentMethod = id("pm");
        ((ObjectNode) customer.get("invoice_settings")).put("default_payment_method", paymentMethod);
        emit("customer.updated", customer, previous, now);
        for (ObjectNode sub : subscriptions.values()) {
            if (customerId.equals(sub.path("customer").asString()) && !"canceled".equals(sub.path("status").asString())) {
                sub.put("default_payment_method", paymentMethod);
            }
        }
        // A new card pays what is overdue at once, as Stripe retries an open invoice when the default payment method changes.
        if (CARD_SUCCEEDS.equals(outcome)) {
            invoices.values().stream()
                    .filter(i -> customerId.equals(i.path("customer").asString()) && "open".equals(i.path("status").asString())
                            && i.path("next_payment_attempt").asLong(0) > 0)
                    .toList().forEach(invoice -> attemptPayment(invoice, now));
        }
        return Optional.of(customer.deepCopy());
    }

    // ---------------------------------------------------------------- checkout

    synchronized ObjectNode createCheckoutSession(ObjectNode form) {
        String mode = text(form, "mode", "payment");
        String customer = text(form, "customer", null);
        if (customer != null && !customers.containsKey(customer)) {
            throw new NoSuchObject("customer", customer);
        }
        ArrayNode lines = NODES.arrayNode();
        long total = 0;
        String currency = null;
        for (JsonNode line : form.path("line_items")) {
            String priceId = text(line, "price", null);
            ObjectNode price = priceId == null ? null : get("price", priceId).orElse(null);
            if (price == null) {
                throw new NoSuchObject("price", priceId, "line_items[" + lines.size() + "][price]");
            }
            long quantity = Long.parseLong(text(line, "quantity", "1"));
            long amount = price.path("unit_amount").asLong() * quantity;
            total += amount;
            currency = price.path("currency").asString();
            ObjectNode item = lines.addObject();
            item.put("id", id("li")).put("object", "item").put("amount_subtotal", amount).put("amount_total", amount)
                    .put("amount_discount", 0).put("amount_tax", 0).put("currency", currency)
                    .put("description", price.path("nickname").asString("")).put("quantity", quantity);
            item.set("price", price);
        }
        if (lines.isEmpty()) {
            throw new StripeError(400, "invalid_request_error", "parameter_missing", "line_items",
                    "Missing required param: line_items.");
        }
        String id = id("cs_test");
        long now = customer == null ? wall.get().getEpochSecond() : clockOf(customer).now();
        ObjectNode session = NODES.objectNode();
        session.put("id", id).put("object", "checkout.session").put("mode", mode).put("status", "open")
                .put("payment_status", "unpaid").put("url", baseUrl + "/checkout/" + id).put("created", now)
                .put("expires_at", now + DAY).put("livemode", false).put("currency", currency)
                .put("amount_subtotal", total).put("amount_total", total)
                .put("client_reference_id", text(form, "client_reference_id", null)).put("customer", customer)
                .put("customer_email", text(form, "customer_email", null))
                .put("success_url", text(form, "success_url", null)).put("cancel_url", text(form, "cancel_url", null))
                .putNull("subscription").putNull("invoice").putNull("payment_intent").putNull("customer_details");
        session.set("metadata", form.path("metadata").isObject() ? form.get("metadata") : NODES.objectNode());
        session.set("payment_method_types", form.path("payment_method_types").isArray() ? form.get("payment_method_types")
                : NODES.arrayNode().add("card"));
        // What paying needs later; Stripe keeps these on the session too (not all are shown in its API).
        session.set("subscription_data", form.path("subscription_data"));
        session.set("payment_intent_data", form.path("payment_intent_data"));
        session.set("invoice_creation", form.path("invoice_creation").isObject() ? form.get("invoice_creation")
                : NODES.objectNode().put("enabled", false));
        session.put("customer_creation", text(form, "customer_creation", "if_required"));
        sessions.put(id, session);
        sessionLines.put(id, lines);
        return session.deepCopy();
    }

    /**
     * The customer pays the session on the checkout page. {@code card} is what the card does from now on:
     * the first payment always succeeds; {@link #CARD_FAILS} makes later charges (renewals, the first charge
     * after a trial) fail. Returns the completed session; an already completed session is returned as it is.
     */
    synchronized ObjectNode pay(String sessionId, String card) {
        ObjectNode session = sessions.get(sessionId);
        if (session == null) {
            throw new NoSuchObject("checkout.session", sessionId);
        }
        if (!"open".equals(session.path("status").asString())) {
            return session.deepCopy();
        }
        String customerId = session.path("customer").asString(null);
        if (customerId == null) {
            ObjectNode form = NODES.objectNode();
            String email = session.path("customer_email").asString(null);
            form.put("email", email == null ? "customer@example.test" : email);
            customerId = createCustomer(form).path("id").asString();
        }
        ObjectNode customer = customers.get(customerId);
        long now = clockOf(customerId).now();
        String paymentMethod = id("pm");
        ((ObjectNode) customer.get("invoice_settings")).put("default_payment_method", paymentMethod);
        cardOutcome.put(customerId, CARD_FAILS.equals(card) ? CARD_FAILS : CARD_SUCCEEDS);
        ArrayNode lines = sessionLines.get(sessionId);
        session.put("customer", customerId).put("status", "complete");
        session.putObject("customer_details").put("email", customer.path("email").asString(null))
                .put("name", customer.path("name").asString(null)).putNull("tax_ids");
        if ("subscription".equals(session.path("mode").asString())) {
            JsonNode data = session.path("subscription_data");
            Long trialEnd = data.hasNonNull("trial_end") ? Long.valueOf(data.get("trial_end").asString())
                    : data.hasNonNull("trial_period_days") ? now + Long.parseLong(data.get("trial_period_days").asString()) * DAY : null;
            ObjectNode sub = newSubscription(customerId, lines, data.path("metadata"), trialEnd, paymentMethod, "cancel", now);
            session.put("subscription", sub.path("id").asString()).put("invoice", sub.path("latest_invoice").asString());
            session.put("payment_status", trialEnd != null ? "no_payment_required" : "paid");
            emit("checkout.session.completed", session, null, now);
            emit("customer.subscription.created", sub, null, now);
            ObjectNode invoice = invoices.get(sub.path("latest_invoice").asString());
            finalizeAndPay(invoice, now, true);
        } else {
            ObjectNode intent = NODES.objectNode();
            intent.put("id", id("pi")).put("object", "payment_intent").put("amount", session.path("amount_total").asLong())
                    .put("amount_received", session.path("amount_total").asLong()).put("currency", session.path("currency").asString())
                    .put("customer", customerId).put("status", "succeeded").put("payment_method", paymentMethod)
                    .put("latest_charge", id("ch")).put("created", now).put("livemode", false);
            intent.set("metadata", session.path("payment_intent_data").path("metadata").isObject()
                    ? session.path("payment_intent_data").get("metadata") : NODES.objectNode());
            paymentIntents.put(intent.path("id").asString(), intent);
            session.put("payment_intent", intent.path("id").asString()).put("payment_status", "paid");
            ObjectNode invoice = null;
            if ("true".equals(session.path("invoice_creation").path("enabled").asString())) {
                invoice = newInvoice(customerId, null, lines, "manual", now, now, false, now);
                session.put("invoice", invoice.path("id").asString());
            }
            emit("payment_intent.succeeded", intent, null, now);
            emit("checkout.session.completed", session, null, now);
            if (invoice != null) {
                finalizeAndPay(invoice, now, true);
            }
        }
        return session.deepCopy();
    }

    // ---------------------------------------------------------------- subscriptions

    synchronized ObjectNode createSubscription(ObjectNode form) {
        String customerId = text(form, "customer", null);
        if (customerId == null || !customers.containsKey(customerId)) {
            throw new NoSuchObject("customer", customerId, "customer");
        }
        long now = clockOf(customerId).now();
        ArrayNode lines = NODES.arrayNode();
        for (JsonNode item : form.path("items")) {
            String priceId = text(item, "price", null);
            ObjectNode price = priceId == null ? null : get("price", priceId).orElse(null);
            if (price == null) {
                throw new NoSuchObject("price", priceId, "items[" + lines.size() + "][price]");
            }
            ObjectNode line = lines.addObject();
            line.put("quantity", Long.parseLong(text(item, "quantity", "1")));
            line.set("price", price);
        }
        if (lines.isEmpty()) {
            throw new StripeError(400, "invalid_request_error", "parameter_missing", "items", "Missing required param: items.");
        }
        Long trialEnd = null;
        if (form.hasNonNull("trial_end")) {
            trialEnd = "now".equals(form.get("trial_end").asString()) ? null : Long.valueOf(form.get("trial_end").asString());
        } else if (form.hasNonNull("trial_period_days")) {
            trialEnd = now + Long.parseLong(form.get("trial_period_days").asString()) * DAY;
        }
        String paymentMethod = text(form, "default_payment_method",
                customers.get(customerId).path("invoice_settings").path("default_payment_method").asString(null));
        String missing = text(form.path("trial_settings").path("end_behavior"), "missing_payment_method", "create_invoice");
        ObjectNode sub = newSubscription(customerId, lines, form.path("metadata"), trialEnd, paymentMethod, missing, now);
        if (form.path("payment_settings").isObject()) {
            ((ObjectNode) sub.get("payment_settings")).setAll((ObjectNode) form.get("payment_settings"));
        }
        emit("customer.subscription.created", sub, null, now);
        ObjectNode invoice = invoices.get(sub.path("latest_invoice").asString());
        if (trialEnd != null || paymentMethod != null) {
            finalizeAndPay(invoice, now, true);
        } else {
            // Without a trial or a card the first invoice waits for a payment method: Stripe's 'incomplete'.
            sub.put("status", "incomplete");
            invoice.put("status", "open");
            emit("invoice.created", invoice, null, now);
            emit("invoice.finalized", invoice, null, now);
        }
        return sub.deepCopy();
    }

    /** {@code POST /v1/subscriptions/{id}}: trial end, cancel at period end, metadata. */
    synchronized Optional<ObjectNode> updateSubscription(String id, ObjectNode form) {
        ObjectNode sub = subscriptions.get(id);
        if (sub == null) {
            return Optional.empty();
        }
        long now = clockOf(sub.path("customer").asString()).now();
        ObjectNode previous = NODES.objectNode();
        if (form.hasNonNull("trial_end")) {
            previous.set("trial_end", sub.get("trial_end"));
            String value = form.get("trial_end").asString();
            long trialEnd = "now".equals(value) ? now : Long.parseLong(value);
            if (trialEnd < now) {
                throw new StripeError(400, "invalid_request_error", "parameter_invalid_integer", "trial_end",
                        "Invalid timestamp: must be an integer Unix timestamp in the future.");
            }
            sub.put("trial_end", trialEnd);
            for (JsonNode item : sub.path("items").path("data")) {
                ((ObjectNode) item).put("current_period_end", trialEnd);
            }
            trialWillEndSent.remove(id);
            if (!"trialing".equals(sub.path("status").asString()) && trialEnd > now) {
                previous.put("status", sub.path("status").asString());
                sub.put("status", "trialing");
            }
        }
        if (form.has("cancel_at_period_end")) {
            previous.put("cancel_at_period_end", sub.path("cancel_at_period_end").asBoolean());
            sub.put("cancel_at_period_end", Boolean.parseBoolean(form.get("cancel_at_period_end").asString()));
        }
        if (form.path("metadata").isObject()) {
            previous.set("metadata", sub.get("metadata").deepCopy());
            ((ObjectNode) sub.get("metadata")).setAll((ObjectNode) form.get("metadata"));
        }
        emit("customer.subscription.updated", sub, previous, now);
        if ("now".equals(text(form, "trial_end", null))) {
            endTrial(sub, now);
        }
        return Optional.of(sub.deepCopy());
    }

    synchronized Optional<ObjectNode> cancelSubscription(String id) {
        ObjectNode sub = subscriptions.get(id);
        if (sub == null) {
            return Optional.empty();
        }
        if (!"canceled".equals(sub.path("status").asString())) {
            cancel(sub, clockOf(sub.path("customer").asString()).now(), "cancellation_requested");
        }
        return Optional.of(sub.deepCopy());
    }

    private ObjectNode newSubscription(String customerId, ArrayNode lines, JsonNode metadata, Long trialEnd, String paymentMethod,
            String missingPaymentMethod, long now) {
        String id = id("sub");
        ObjectNode sub = NODES.objectNode();
        ObjectNode firstPrice = (ObjectNode) lines.get(0).get("price");
        long periodEnd = trialEnd != null ? trialEnd : plusInterval(now, firstPrice);
        sub.put("id", id).put("object", "subscription").put("customer", customerId)
                .put("status", trialEnd != null ? "trialing" : "active").put("created", now).put("start_date", now)
                .put("billing_cycle_anchor", periodEnd).put("currency", firstPrice.path("currency").asString())
                .put("cancel_at_period_end", false).putNull("cancel_at").putNull("canceled_at").putNull("ended_at")
                .put("collection_method", "charge_automatically").put("default_payment_method", paymentMethod)
                .put("livemode", false).put("test_clock", customers.get(customerId).path("test_clock").asString(null))
                .putNull("pause_collection");
        if (trialEnd != null) {
            sub.put("trial_start", now).put("trial_end", trialEnd);
        } else {
            sub.putNull("trial_start").putNull("trial_end");
        }
        sub.set("metadata", metadata.isObject() ? metadata.deepCopy() : NODES.objectNode());
        sub.putObject("trial_settings").putObject("end_behavior").put("missing_payment_method", missingPaymentMethod);
        sub.putObject("payment_settings").put("save_default_payment_method", "off");
        sub.putObject("cancellation_details").putNull("reason").putNull("feedback").putNull("comment");
        ObjectNode items = sub.putObject("items");
        items.put("object", "list").put("has_more", false).put("url", "/v1/subscription_items?subscription=" + id);
        ArrayNode data = items.putArray("data");
        for (JsonNode line : lines) {
            ObjectNode item = data.addObject();
            item.put("id", id("si")).put("object", "subscription_item").put("subscription", id).put("created", now)
                    .put("quantity", line.path("quantity").asLong(1)).put("current_period_start", now)
                    .put("current_period_end", periodEnd);
            item.set("price", line.get("price").deepCopy());
            item.putObject("metadata");
        }
        subscriptions.put(id, sub);
        ObjectNode invoice = newInvoice(customerId, sub, lines, "subscription_create", now, periodEnd, trialEnd != null, now);
        sub.put("latest_invoice", invoice.path("id").asString());
        return sub;
    }

    private void trialWillEnd(ObjectNode sub, long at) {
        trialWillEndSent.put(sub.path("id").asString(), true);
        emit("customer.subscription.trial_will_end", sub, null, at);
    }

    private void endTrial(ObjectNode sub, long at) {
        String customerId = sub.path("customer").asString();
        boolean hasPaymentMethod = sub.hasNonNull("default_payment_method")
                || customers.get(customerId).path("invoice_settings").hasNonNull("default_payment_method");
        String behavior = sub.path("trial_settings").path("end_behavior").path("missing_payment_method").asString("create_invoice");
        if (!hasPaymentMethod && "cancel".equals(behavior)) {
            cancel(sub, at, "cancellation_requested");
            return;
        }
        if (!hasPaymentMethod && "pause".equals(behavior)) {
            ObjectNode previous = NODES.objectNode().put("status", "trialing");
            sub.put("status", "paused");
            emit("customer.subscription.paused", sub, null, at);
            emit("customer.subscription.updated", sub, previous, at);
            return;
        }
        startPeriod(sub, at, "trialing");
    }

    private void renew(ObjectNode sub, long at) {
        if (sub.path("cancel_at_period_end").asBoolean()) {
            cancel(sub, at, "cancellation_requested");
            return;
        }
        startPeriod(sub, at, null);
    }

    /** A new billing period from {@code at}: the subscription moves on, its invoice is created and charged. */
    private void startPeriod(ObjectNode sub, long at, String previousStatus) {
        ObjectNode firstPrice = (ObjectNode) sub.path("items").path("data").path(0).path("price");
        long end = plusInterval(at, firstPrice);
        ObjectNode previous = NODES.objectNode();
        if (previousStatus != null) {
            previous.put("status", previousStatus);
            sub.put("status", "active");
        }
        for (JsonNode item : sub.path("items").path("data")) {
            ((ObjectNode) item).put("current_period_start", at).put("current_period_end", end);
        }
        ArrayNode lines = NODES.arrayNode();
        sub.path("items").path("data").forEach(item -> lines.addObject().put("quantity", item.path("quantity").asLong(1))
                .set("price", item.get("price").deepCopy()));
        ObjectNode invoice = newInvoice(sub.path("customer").asString(), sub, lines, "subscription_cycle", at, end, false, at);
        sub.put("latest_invoice", invoice.path("id").asString());
        emit("customer.subscription.updated", sub, previous, at);
        finalizeAndPay(invoice, at, false);
    }

    private void cancel(ObjectNode sub, long at, String reason) {
        sub.put("status", "canceled").put("canceled_at", at).put("ended_at", at);
        ((ObjectNode) sub.get("cancellation_details")).put("reason", reason);
        emit("customer.subscription.deleted", sub, null, at);
    }

    private static long periodEnd(ObjectNode sub) {
        long end = 0;
        for (JsonNode item : sub.path("items").path("data")) {
            end = Math.max(end, item.path("current_period_end").asLong());
        }
        return end;
    }

    private static long plusInterval(long at, JsonNode price) {
        ZonedDateTime start = Instant.ofEpochSecond(at).atZone(ZoneOffset.UTC);
        int count = price.path("recurring").path("interval_count").asInt(1);
        ZonedDateTime end = switch (price.path("recurring").path("interval").asString("month")) {
            case "year" -> start.plusYears(count);
            case "week" -> start.plusWeeks(count);
            case "day" -> start.plusDays(count);
            default -> start.plusMonths(count);
        };
        return end.toEpochSecond();
    }

    // ---------------------------------------------------------------- invoices and payments

    private ObjectNode newInvoice(String customerId, ObjectNode sub, ArrayNode lines, String reason, long periodStart, long periodEnd,
            boolean free, long now) {
        ObjectNode invoice = NODES.objectNode();
        String id = id("in");
        long total = 0;
        ArrayNode data = NODES.arrayNode();
        String currency = null;
        for (JsonNode line : lines) {
            long quantity = line.path("quantity").asLong(1);
            long amount = free ? 0 : line.path("price").path("unit_amount").asLong() * quantity;
            total += amount;
            currency = line.path("price").path("currency").asString();
            ObjectNode invoiceLine = data.addObject();
            invoiceLine.put("id", id("il")).put("object", "line_item").put("amount", amount).put("currency", currency)
                    .put("quantity", quantity).put("description", line.path("price").path("nickname").asString(""))
                    .put("invoice", id);
            invoiceLine.putObject("period").put("start", periodStart).put("end", periodEnd);
            invoiceLine.putObject("pricing").put("type", "price_details").putObject("price_details")
                    .put("price", line.path("price").path("id").asString()).put("product", line.path("price").path("product").asString(null));
        }
        invoice.put("id", id).put("object", "invoice").put("customer", customerId)
                .put("customer_email", customers.get(customerId).path("email").asString(null)).put("status", "draft")
                .put("amount_due", total).put("amount_paid", 0).put("amount_remaining", total).put("subtotal", total)
                .put("total", total).put("currency", currency).put("billing_reason", reason).put("attempt_count", 0)
                .put("attempted", false).putNull("next_payment_attempt").put("created", now).put("livemode", false)
                .put("collection_method", "charge_automatically").put("number", "EMU-" + String.format("%06d", ++invoiceNumber))
                .put("hosted_invoice_url", baseUrl + "/invoices/" + id).put("invoice_pdf", baseUrl + "/invoices/" + id + "/pdf")
                .put("period_start", periodStart).put("period_end", periodEnd);
        invoice.putObject("metadata");
        invoice.putObject("status_transitions").putNull("finalized_at").putNull("paid_at");
        ObjectNode list = invoice.putObject("lines");
        list.put("object", "list").put("has_more", false).put("url", "/v1/invoices/" + id + "/lines");
        list.set("data", data);
        if (sub != null) {
            ObjectNode parent = invoice.putObject("parent");
            parent.put("type", "subscription_details").putNull("quote_details");
            parent.putObject("subscription_details").put("subscription", sub.path("id").asString())
                    .set("metadata", sub.path("metadata").deepCopy());
        } else {
            invoice.putNull("parent");
        }
        invoices.put(id, invoice);
        return invoice;
    }

    private void finalizeAndPay(ObjectNode invoice, long at, boolean firstPayment) {
        invoice.put("status", "open");
        ((ObjectNode) invoice.get("status_transitions")).put("finalized_at", at);
        emit("invoice.created", invoice, null, at);
        emit("invoice.finalized", invoice, null, at);
        if (firstPayment || invoice.path("amount_due").asLong() == 0) {
            markPaid(invoice, at);
        } else {
            attemptPayment(invoice, at);
        }
    }

    /** One charge of an open invoice with the customer's card, and what follows from it. */
    private void attemptPayment(ObjectNode invoice, long at) {
        String customerId = invoice.path("customer").asString();
        invoice.put("attempt_count", invoice.path("attempt_count").asInt() + 1).put("attempted", true);
        ObjectNode sub = subscriptions.get(invoice.path("parent").path("subscription_details").path("subscription").asString(""));
        if (!CARD_FAILS.equals(card(customerId))) {
            markPaid(invoice, at);
            if (sub != null && "past_due".equals(sub.path("status").asString())) {
                sub.put("status", "active");
                emit("customer.subscription.updated", sub, NODES.objectNode().put("status", "past_due"), at);
            }
            return;
        }
        long first = firstFailure.computeIfAbsent(invoice.path("id").asString(), i -> at);
        int failed = invoice.path("attempt_count").asInt();
        if (failed <= RETRY_DAYS.length) {
            invoice.put("next_payment_attempt", first + RETRY_DAYS[failed - 1] * DAY);
        } else {
            invoice.putNull("next_payment_attempt");
        }
        emit("invoice.payment_failed", invoice, null, at);
        if (sub == null) {
            return;
        }
        if (invoice.path("next_payment_attempt").isNull()) {
            // Stripe's default after the last retry: cancel the subscription.
            invoice.put("status", "uncollectible");
            cancel(sub, at, "payment_failed");
        } else if (!"past_due".equals(sub.path("status").asString())) {
            ObjectNode previous = NODES.objectNode().put("status", sub.path("status").asString());
            sub.put("status", "past_due");
            emit("customer.subscription.updated", sub, previous, at);
        }
    }

    private void markPaid(ObjectNode invoice, long at) {
        invoice.put("status", "paid").put("amount_paid", invoice.path("amount_due").asLong()).put("amount_remaining", 0)
                .put("attempted", true).putNull("next_payment_attempt");
        if (invoice.path("attempt_count").asInt() == 0) {
            invoice.put("attempt_count", 1);
        }
        ((ObjectNode) invoice.get("status_transitions")).put("paid_at", at);
        emit("invoice.paid", invoice, null, at);
        emit("invoice.payment_succeeded", invoice, null, at);
    }

    // ---------------------------------------------------------------- portal

    synchronized ObjectNode createPortalConfiguration(ObjectNode form) {
        ObjectNode configuration = form.deepCopy();
        configuration.put("id", id("bpc")).put("object", "billing_portal.configuration").put("active", true)
                .put("is_default", portalConfigurations.isEmpty()).put("livemode", false).put("created", wall.get().getEpochSecond());
        portalConfigurations.put(configuration.path("id").asString(), configuration);
        return configuration.deepCopy();
    }

    synchronized ObjectNode createPortalSession(ObjectNode form) {
        String customer = text(form, "customer", null);
        if (customer == null || !customers.containsKey(customer)) {
            throw new NoSuchObject("customer", customer, "customer");
        }
        ObjectNode session = NODES.objectNode();
        String id = id("bps");
        session.put("id", id).put("object", "billing_portal.session").put("customer", customer)
                .put("configuration", text(form, "configuration", null)).put("return_url", text(form, "return_url", null))
                .put("url", baseUrl + "/?customer=" + customer).put("created", clockOf(customer).now()).put("livemode", false);
        portalSessions.put(id, session);
        return session.deepCopy();
    }

    // ---------------------------------------------------------------- events

    private void emit(String type, ObjectNode object, ObjectNode previous, long at) {
        ObjectNode event = NODES.objectNode();
        event.put("id", id("evt")).put("object", "event").put("api_version", apiVersion).put("created", at)
                .put("livemode", false).put("pending_webhooks", 1).put("type", type);
        event.putObject("request").putNull("id").putNull("idempotency_key");
        ObjectNode data = event.putObject("data");
        data.set("object", object.deepCopy());
        if (previous != null && !previous.isEmpty()) {
            data.set("previous_attributes", previous.deepCopy());
        }
        events.put(event.path("id").asString(), event);
        publish.accept(event.deepCopy());
    }

    // ---------------------------------------------------------------- helpers

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainer() ? fallback : value.asString();
    }

    private static void copyScalars(ObjectNode form, ObjectNode target, String except) {
        form.properties().forEach(e -> {
            if (!e.getKey().equals(except)) {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        if (form.has("active")) {
            target.put("active", Boolean.parseBoolean(form.get("active").asString()));
        }
    }

    /** Stripe's error for an unknown object: 404, {@code resource_missing}. */
    static final class NoSuchObject extends StripeError {
        NoSuchObject(String kind, String id) {
            this(kind, id, "id");
        }

        NoSuchObject(String kind, String id, String param) {
            super(404, "invalid_request_error", "resource_missing", param, "No such " + kind + ": '" + id + "'");
        }
    }

    /** A Stripe API error: HTTP status and the body {@code {"error": {type, code, param, message}}}. */
    static class StripeError extends RuntimeException {
        final int status;
        final String type;
        final String code;
        final String param;

        StripeError(int status, String type, String code, String param, String message) {
            super(message);
            this.status = status;
            this.type = type;
            this.code = code;
            this.param = param;
        }

        ObjectNode body() {
            ObjectNode body = NODES.objectNode();
            body.putObject("error").put("type", type).put("code", code).put("param", param).put("message", getMessage())
                    .put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
            return body;
        }
    }
}
