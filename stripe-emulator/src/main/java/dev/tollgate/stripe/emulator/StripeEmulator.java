package dev.tollgate.stripe.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulator's HTTP face: Stripe's API paths (what billing-service, {@code catalog push} and a
 * developer's curl call), the checkout page, a dashboard with time travel, and a few actions.
 *
 * <p>It runs on the JDK's own {@code com.sun.net.httpserver}: no dependency at all, maintained with
 * the JDK, and ample for one developer's clicks and a test's calls (Jetty or Tomcat would add a
 * servlet stack for a handful of routes).
 */
public final class StripeEmulator implements AutoCloseable {

    /** The API version events carry: stripe-java 33.3.0's, the library billing-service is built with. */
    public static final String API_VERSION = "2026-07-29.dahlia";

    private static final System.Logger LOG = System.getLogger(StripeEmulator.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HttpServer server;
    private final ExecutorService executor;
    private final StripeState state;
    private final WebhookSender webhooks;
    private final String url;
    private final Map<String, Answer> idempotent = new ConcurrentHashMap<>();
    private final List<Route> routes;
    private final boolean adoptUnknownCustomers;

    /**
     * @param port the port to listen on (0: any free one), on the loopback interface only
     * @param webhookEndpoint where events are delivered (the gateway's {@code POST /webhooks/stripe}); null: they wait
     *        for {@link #deliverWebhooksTo}
     * @param webhookSecret the endpoint's signing secret ({@code whsec_...}), the one the gateway verifies with
     * @param catalogs billing's catalog files whose products and prices the emulator knows from the start
     * @param wall the wall clock (tests may pass a fixed one); test clocks move from it
     * @param adoptUnknownCustomers answer {@code GET /v1/customers/cus_x} for a customer it never created with
     *        {@code cus_x@customers.tollgate.test}, as the old local stand-in did (hand-made webhooks name such customers)
     */
    public record Settings(int port, URI webhookEndpoint, String webhookSecret, List<Path> catalogs, Supplier<Instant> wall,
            boolean adoptUnknownCustomers) {

        public Settings {
            catalogs = catalogs == null ? List.of() : List.copyOf(catalogs);
            wall = wall == null ? Instant::now : wall;
        }

        public static Settings of(int port, URI webhookEndpoint, String webhookSecret, List<Path> catalogs) {
            return new Settings(port, webhookEndpoint, webhookSecret, catalogs, Instant::now, false);
        }

        public Settings adoptingUnknownCustomers() {
            return new Settings(port, webhookEndpoint, webhookSecret, catalogs, wall, true);
        }
    }

    private StripeEmulator(Settings settings) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", settings.port()), 64);
        url = "http://localhost:" + server.getAddress().getPort();
        webhooks = new WebhookSender(settings.webhookEndpoint(), settings.webhookSecret());
        state = new StripeState(url, API_VERSION, settings.wall(), webhooks::enqueue);
        adoptUnknownCustomers = settings.adoptUnknownCustomers();
        for (Path catalog : settings.catalogs()) {
            PriceBook.load(catalog, state);
        }
        routes = routes();
        executor = Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("stripe-emulator-http-", 0).factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static StripeEmulator start(Settings settings) {
        try {
            return new StripeEmulator(settings);
        } catch (IOException e) {
            throw new IllegalStateException("The Stripe emulator could not listen on port " + settings.port() + ": " + e.getMessage(), e);
        }
    }

    /** Adds the products and prices of a catalog file read from {@code in} (e.g. billing's, from the classpath). */
    public StripeEmulator withCatalog(InputStream in) throws IOException {
        PriceBook.load(in, state);
        return this;
    }

    /** The base URL: Stripe's API under {@code /v1}, the dashboard at {@code /}. */
    public String url() {
        return url;
    }

    /** Sends webhooks to {@code endpoint} from now on, those waiting first. */
    public void deliverWebhooksTo(URI endpoint) {
        webhooks.deliverTo(endpoint);
    }

    /** Events delivered with a 2xx answer so far. */
    public long webhooksDelivered() {
        return webhooks.delivered();
    }

    /** Events still waiting for a 2xx answer. */
    public int webhooksPending() {
        return webhooks.pending();
    }

    /** The events sent so far, oldest first, each as delivered. */
    public List<ObjectNode> events() {
        return state.list("event", e -> true);
    }

    public Optional<ObjectNode> object(String kind, String id) {
        return state.get(kind, id);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        webhooks.close();
    }

    // ---------------------------------------------------------------- routing

    private record Answer(int status, String contentType, byte[] body, String location) {
    }

    private record Request(String method, Matcher path, ObjectNode form, Map<String, String> headers) {
        String id() {
            return path.group(1);
        }
    }

    @FunctionalInterface
    private interface Handler {
        Answer handle(Request request);
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private static Route route(String method, String path, Handler handler) {
        return new Route(method, Pattern.compile(path.replace("{id}", "([^/]+)")), handler);
    }

    private List<Route> routes() {
        return List.of(
                route("GET", "/v1/customers/{id}", r -> adoptUnknownCustomers && r.id().startsWith("cus_")
                        ? json(state.customerOrAdopted(r.id())) : found("customer", r.id())),
                route("POST", "/v1/customers", r -> json(state.createCustomer(r.form()))),
                route("POST", "/v1/customers/{id}", r -> orMissing(state.updateCustomer(r.id(), r.form()), "customer", r.id())),
                route("GET", "/v1/subscriptions/{id}", r -> found("subscription", r.id())),
                route("GET", "/v1/subscriptions", r -> list("/v1/subscriptions", state.list("subscription",
                        matches(r.form(), "customer").and(matches(r.form(), "status"))))),
                route("POST", "/v1/subscriptions", r -> json(state.createSubscription(r.form()))),
                route("POST", "/v1/subscriptions/{id}", r -> orMissing(state.updateSubscription(r.id(), r.form()), "subscription", r.id())),
                route("DELETE", "/v1/subscriptions/{id}", r -> orMissing(state.cancelSubscription(r.id()), "subscription", r.id())),
                route("GET", "/v1/invoices/{id}", r -> found("invoice", r.id())),
                route("GET", "/v1/invoices", r -> list("/v1/invoices", state.list("invoice", matches(r.form(), "customer")))),
                route("GET", "/v1/payment_intents/{id}", r -> found("payment_intent", r.id())),
                route("POST", "/v1/checkout/sessions", r -> json(state.createCheckoutSession(r.form()))),
                route("GET", "/v1/checkout/sessions/{id}", r -> found("checkout.session", r.id())),
                route("GET", "/v1/checkout/sessions/{id}/line_items", r -> state.lineItems(r.id())
                        .map(items -> list("/v1/checkout/sessions/" + r.id() + "/line_items", items))
                        .orElseThrow(() -> new StripeState.NoSuchObject("checkout.session", r.id()))),
                route("POST", "/v1/billing_portal/configurations", r -> json(state.createPortalConfiguration(r.form()))),
                route("GET", "/v1/billing_portal/configurations/{id}", r -> found("billing_portal.configuration", r.id())),
                route("POST", "/v1/billing_portal/sessions", r -> json(state.createPortalSession(r.form()))),
                route("GET", "/v1/products", r -> list("/v1/products", state.list("product", p -> true))),
                route("POST", "/v1/products", r -> json(state.createProduct(r.form()))),
                route("GET", "/v1/products/{id}", r -> found("product", r.id())),
                route("POST", "/v1/products/{id}", r -> orMissing(state.updateProduct(r.id(), r.form()), "product", r.id())),
                route("GET", "/v1/prices", r -> list("/v1/prices", state.list("price", lookupKeys(r.form())
                        .and(matches(r.form(), "product"))))),
                route("POST", "/v1/prices", r -> json(state.createPrice(r.form()))),
                route("GET", "/v1/prices/{id}", r -> found("price", r.id())),
                route("POST", "/v1/prices/{id}", r -> orMissing(state.updatePrice(r.id(), r.form()), "price", r.id())),
                route("POST", "/v1/test_helpers/test_clocks", r -> json(state.createClock(r.form()))),
                route("GET", "/v1/test_helpers/test_clocks", r -> list("/v1/test_helpers/test_clocks", state.stripeClocks())),
                route("GET", "/v1/test_helpers/test_clocks/{id}", r -> orMissing(state.clock(r.id()), "test_helpers.test_clock", r.id())),
                route("POST", "/v1/test_helpers/test_clocks/{id}/advance", r -> orMissing(state.advanceClock(r.id(),
                        Long.parseLong(required(r.form(), "frozen_time"))), "test_helpers.test_clock", r.id())),
                route("GET", "/v1/events/{id}", r -> found("event", r.id())),
                route("GET", "/v1/events", r -> list("/v1/events", state.list("event", matches(r.form(), "type")).reversed())),
                // The emulator's own pages and actions (not Stripe's API).
                route("GET", "/", r -> html(Pages.dashboard(state, webhooks.delivered(), webhooks.pending()))),
                route("GET", "/checkout/{id}", r -> html(Pages.checkout(state.get("checkout.session", r.id())
                        .orElseThrow(() -> new StripeState.NoSuchObject("checkout.session", r.id())),
                        state.lineItems(r.id()).orElseThrow()))),
                route("POST", "/checkout/{id}/pay", this::pay),
                route("GET", "/success", r -> html(Pages.success(state, text(r.form(), "session_id")))),
                route("GET", "/invoices/{id}", r -> html(Pages.invoice(state.get("invoice", r.id())
                        .orElseThrow(() -> new StripeState.NoSuchObject("invoice", r.id()))))),
                route("POST", "/emulator/customers/{id}/advance", this::advance),
                route("POST", "/emulator/customers/{id}/card", r -> card(r, text(r.form(), "card"))),
                route("POST", "/emulator/customers/{id}/fix-card", r -> card(r, StripeState.CARD_SUCCEEDS)),
                route("GET", "/emulator/webhooks", r -> json(NODES.objectNode().put("delivered", webhooks.delivered())
                        .put("pending", webhooks.pending()))));
    }

    private Answer pay(Request r) {
        String card = StripeState.CARD_FAILS.equals(text(r.form(), "card")) ? StripeState.CARD_FAILS : StripeState.CARD_SUCCEEDS;
        ObjectNode session = state.pay(r.id(), card);
        String success = session.path("success_url").asString(null);
        if (success == null) {
            return json(session);
        }
        return redirect(success.replace("{CHECKOUT_SESSION_ID}", session.path("id").asString()));
    }

    private Answer advance(Request r) {
        String days = text(r.form(), "days");
        long n;
        try {
            n = Long.parseLong(days == null ? "" : days.trim());
        } catch (NumberFormatException e) {
            throw new StripeState.StripeError(400, "invalid_request_error", "parameter_invalid_integer", "days",
                    "'days' must be a whole number of days to move the customer's clock forward, got '" + days + "'");
        }
        if (n < 1 || n > 3660) {
            throw new StripeState.StripeError(400, "invalid_request_error", "parameter_invalid_integer", "days",
                    "'days' must be 1 to 3660");
        }
        long now = state.advanceCustomer(r.id(), n).orElseThrow(() -> new StripeState.NoSuchObject("customer", r.id()));
        return back(r, NODES.objectNode().put("customer", r.id()).put("frozen_time", now));
    }

    private Answer card(Request r, String card) {
        if (!StripeState.CARD_SUCCEEDS.equals(card) && !StripeState.CARD_FAILS.equals(card)) {
            throw new StripeState.StripeError(400, "invalid_request_error", "parameter_invalid", "card",
                    "'card' must be 'succeeds' or 'fails'");
        }
        state.setCard(r.id(), card).orElseThrow(() -> new StripeState.NoSuchObject("customer", r.id()));
        return back(r, NODES.objectNode().put("customer", r.id()).put("card", card));
    }

    /** A browser's form names where to go back to ({@code back}); a script gets JSON. */
    private static Answer back(Request r, ObjectNode result) {
        String back = text(r.form(), "back");
        return back != null && back.startsWith("/") ? redirect(back) : json(result);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        try {
            answer = answer(exchange);
        } catch (StripeState.StripeError e) {
            answer = new Answer(e.status, "application/json", JSON.writeValueAsBytes(e.body()), null);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Stripe emulator failed " + exchange.getRequestMethod() + " " + exchange.getRequestURI(), e);
            answer = new Answer(500, "application/json", JSON.writeValueAsBytes(new StripeState.StripeError(500, "api_error",
                    "emulator_error", null, "The Stripe emulator failed: " + e).body()), null);
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType() + "; charset=utf-8");
            exchange.getResponseHeaders().set("Request-Id", StripeState.id("req"));
            if (answer.location() != null) {
                exchange.getResponseHeaders().set("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        ObjectNode form = FormBody.parse(query);
        form.setAll(FormBody.parse(body));
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        for (Route route : routes) {
            Matcher matcher = route.path().matcher(path);
            if (route.method().equals(method) && matcher.matches()) {
                Request request = new Request(method, matcher, form, Map.of());
                if (key == null || !"POST".equals(method)) {
                    return route.handler().handle(request);
                }
                // Stripe answers a repeated key with the first answer, whatever happened since.
                String scoped = path + "\n" + key;
                Answer first = idempotent.get(scoped);
                if (first != null) {
                    return first;
                }
                synchronized (idempotent) {
                    return idempotent.computeIfAbsent(scoped, k -> route.handler().handle(request));
                }
            }
        }
        throw new StripeState.StripeError(404, "invalid_request_error", "resource_missing", null,
                "Unrecognized request URL (" + method + ": " + path + "). The Tollgate Stripe emulator serves the API calls "
                        + "Tollgate makes; see stripe-emulator/README.md.");
    }

    // ---------------------------------------------------------------- answers

    private Answer found(String kind, String id) {
        return json(state.get(kind, id).orElseThrow(() -> new StripeState.NoSuchObject(kind, id)));
    }

    private static Answer orMissing(Optional<ObjectNode> object, String kind, String id) {
        return json(object.orElseThrow(() -> new StripeState.NoSuchObject(kind, id)));
    }

    private static Answer json(JsonNode body) {
        return new Answer(200, "application/json", JSON.writeValueAsBytes(body), null);
    }

    private static Answer list(String url, List<ObjectNode> items) {
        ArrayNode data = NODES.arrayNode();
        items.forEach(data::add);
        return list(url, data);
    }

    private static Answer list(String url, ArrayNode data) {
        ObjectNode list = NODES.objectNode();
        list.put("object", "list").put("url", url).put("has_more", false);
        list.set("data", data);
        return json(list);
    }

    private static Answer html(String page) {
        return new Answer(200, "text/html", page.getBytes(StandardCharsets.UTF_8), null);
    }

    private static Answer redirect(String location) {
        return new Answer(303, "text/plain", new byte[0], location);
    }

    private static String text(ObjectNode form, String field) {
        JsonNode value = form.get(field);
        return value == null || value.isNull() || value.isContainer() ? null : value.asString();
    }

    private static String required(ObjectNode form, String field) {
        String value = text(form, field);
        if (value == null) {
            throw new StripeState.StripeError(400, "invalid_request_error", "parameter_missing", field,
                    "Missing required param: " + field + ".");
        }
        return value;
    }

    private static Predicate<ObjectNode> matches(ObjectNode form, String field) {
        String wanted = text(form, field);
        return object -> wanted == null || wanted.equals(object.path(field).asString(null));
    }

    private static Predicate<ObjectNode> lookupKeys(ObjectNode form) {
        JsonNode keys = form.get("lookup_keys");
        if (keys == null) {
            return price -> true;
        }
        List<String> wanted = keys.isArray() ? keys.valueStream().map(JsonNode::asString).toList() : List.of(keys.asString());
        return price -> wanted.contains(price.path("lookup_key").asString(""));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
