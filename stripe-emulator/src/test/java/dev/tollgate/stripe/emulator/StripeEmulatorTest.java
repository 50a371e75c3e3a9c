package dev.tollgate.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.stripe.StripeClient;
import com.stripe.model.Event;
import com.stripe.model.Subscription;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StripeEmulatorTest {

    private static final String SECRET = "whsec_emulator_test";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Path L4YERCAK3 = Path.of("../billing-service/src/main/resources/catalogs/l4yercak3.yml");

    private final List<Event> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private HttpServer endpoint;
    private StripeEmulator emulator;

    @BeforeEach
    void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        endpoint.createContext("/webhooks/stripe", exchange -> {
            String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 200;
            if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
            } else {
                try {
                    received.add(Webhook.constructEvent(payload, exchange.getRequestHeaders().getFirst("Stripe-Signature"), SECRET));
                } catch (Exception e) {
                    status = 400;
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        endpoint.start();
        emulator = StripeEmulator.start(StripeEmulator.Settings.of(0,
                URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/webhooks/stripe"), SECRET, List.of(L4YERCAK3)));
    }

    @AfterEach
    void stop() {
        emulator.close();
        endpoint.stop(0);
    }

    @Test
    void payingATrialCheckoutSendsStripesSignedSequenceAndKeepsTheObjectsForReReads() throws Exception {
        JsonNode session = post("/v1/checkout/sessions", "mode=subscription&line_items[0][price]=price_starter_monthly"
                + "&line_items[0][quantity]=1&client_reference_id=acct_1&customer_email=ann%40example.com"
                + "&success_url=http%3A%2F%2Flocalhost%3A3000%2Fdone%3Fsession_id%3D%7BCHECKOUT_SESSION_ID%7D"
                + "&subscription_data[metadata][organization_id]=acct_1&subscription_data[trial_period_days]=14", "key-1");
        assertThat(session.path("url").asString()).isEqualTo(emulator.url() + "/checkout/" + session.path("id").asString());
        assertThat(session.path("amount_total").asLong()).isEqualTo(19_900);
        assertThat(get(session.path("url").asString()).body()).contains("Pay (card succeeds)", "Pay with a card that will fail renewals");

        HttpResponse<String> paid = form(session.path("url").asString() + "/pay", "card=succeeds", null);
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location")).hasValue("http://localhost:3000/done?session_id=" + session.path("id").asString());

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 7);
        assertThat(received).extracting(Event::getType).containsExactly("customer.created", "checkout.session.completed",
                "customer.subscription.created", "invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded");
        assertThat(received).extracting(Event::getId).doesNotHaveDuplicates().allMatch(id -> id.startsWith("evt_"));
        assertThat(received).extracting(Event::getApiVersion).containsOnly(StripeEmulator.API_VERSION);
        JsonNode created = JSON.readTree(received.get(2).getDataObjectDeserializer().getRawJson());
        assertThat(created.path("status").asString()).isEqualTo("trialing");
        assertThat(created.path("metadata").path("organization_id").asString()).isEqualTo("acct_1");
        assertThat(JSON.readTree(received.get(5).getDataObjectDeserializer().getRawJson()).path("amount_paid").asLong()).isZero();

        String subscriptionId = created.path("id").asString();
        StripeClient stripe = StripeClient.builder().setApiKey("sk_test_emulator").setApiBase(emulator.url()).build();
        Subscription reRead = stripe.v1().subscriptions().retrieve(subscriptionId);
        assertThat(reRead.getStatus()).isEqualTo("trialing");
        assertThat(reRead.getItems().getData().getFirst().getPrice().getUnitAmount()).isEqualTo(19_900);
        assertThat(stripe.v1().customers().retrieve(reRead.getCustomer()).getEmail()).isEqualTo("ann@example.com");
        JsonNode lines = JSON.readTree(get(emulator.url() + "/v1/checkout/sessions/" + session.path("id").asString() + "/line_items").body());
        assertThat(lines.path("data").path(0).path("price").path("id").asString()).isEqualTo("price_starter_monthly");
    }

    @Test
    void theSameIdempotencyKeyGetsTheSameObjectAndAnUnknownIdGetsStripesError() throws Exception {
        String body = "mode=payment&line_items[0][price]=price_ai_tokens_100k&line_items[0][quantity]=1";
        JsonNode first = post("/v1/checkout/sessions", body, "same-key");
        JsonNode again = post("/v1/checkout/sessions", body, "same-key");
        JsonNode other = post("/v1/checkout/sessions", body, "other-key");
        assertThat(again.path("id").asString()).isEqualTo(first.path("id").asString());
        assertThat(other.path("id").asString()).isNotEqualTo(first.path("id").asString());

        HttpResponse<String> missing = get(emulator.url() + "/v1/subscriptions/sub_nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(missing.body()).path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asString()).isEqualTo("resource_missing");
        assertThat(error.path("message").asString()).isEqualTo("No such subscription: 'sub_nope'");
    }

    @Test
    void aPaymentCheckoutCompletesWithItsPaymentIntentAndAPaidInvoice() throws Exception {
        JsonNode session = post("/v1/checkout/sessions", "mode=payment&line_items[0][price]=price_ai_tokens_100k"
                + "&line_items[0][quantity]=2&invoice_creation[enabled]=true&customer_creation=always"
                + "&payment_intent_data[metadata][organization_id]=acct_2", null);
        form(emulator.url() + "/checkout/" + session.path("id").asString() + "/pay", "card=succeeds", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(e -> e.getType().equals("invoice.paid")));
        JsonNode completed = raw("checkout.session.completed");
        assertThat(completed.path("payment_intent").asString()).startsWith("pi_");
        assertThat(completed.path("invoice").asString()).startsWith("in_");
        assertThat(completed.path("amount_total").asLong()).isEqualTo(2 * 4_900);
        assertThat(raw("invoice.paid").path("amount_paid").asLong()).isEqualTo(2 * 4_900);
    }

    @Test
    void advancingACustomerRunsTrialEndRenewalFailedPaymentsAndRecoveryInTimeOrder() throws Exception {
        JsonNode session = post("/v1/checkout/sessions", "mode=subscription&line_items[0][price]=price_starter_monthly"
                + "&subscription_data[trial_period_days]=14&customer_email=bo%40example.com", null);
        form(emulator.url() + "/checkout/" + session.path("id").asString() + "/pay", "card=fails", null);
        String customer = emulator.object("checkout.session", session.path("id").asString()).orElseThrow().path("customer").asString();
        String subscription = emulator.object("checkout.session", session.path("id").asString()).orElseThrow().path("subscription").asString();
        int before = emulator.events().size();

        form(emulator.url() + "/emulator/customers/" + customer + "/advance", "days=15", null);
        List<String> trialEnd = emulator.events().subList(before, emulator.events().size()).stream()
                .map(e -> e.path("type").asString()).toList();
        assertThat(trialEnd).containsExactly("customer.subscription.trial_will_end", "customer.subscription.updated",
                "invoice.created", "invoice.finalized", "invoice.payment_failed", "customer.subscription.updated");
        assertThat(status(subscription)).isEqualTo("past_due");
        JsonNode failed = emulator.events().stream().filter(e -> e.path("type").asString().equals("invoice.payment_failed"))
                .findFirst().orElseThrow().path("data").path("object");
        assertThat(failed.path("attempt_count").asInt()).isEqualTo(1);
        long trialEndsAt = emulator.object("subscription", subscription).orElseThrow().path("trial_end").asLong();
        assertThat(failed.path("next_payment_attempt").asLong()).isEqualTo(trialEndsAt + 3 * StripeState.DAY);
        List<Long> created = emulator.events().stream().map(e -> e.path("created").asLong()).toList();
        assertThat(created).isSorted();

        form(emulator.url() + "/emulator/customers/" + customer + "/advance", "days=3", null);
        assertThat(lastOf("invoice.payment_failed").path("attempt_count").asInt()).isEqualTo(2);

        int beforeFix = emulator.events().size();
        form(emulator.url() + "/emulator/customers/" + customer + "/fix-card", "", null);
        assertThat(emulator.events().subList(beforeFix, emulator.events().size())).extracting(e -> e.path("type").asString())
                .containsExactly("customer.updated", "invoice.paid", "invoice.payment_succeeded", "customer.subscription.updated");
        assertThat(status(subscription)).isEqualTo("active");

        form(emulator.url() + "/emulator/customers/" + customer + "/advance", "days=31", null);
        assertThat(lastOf("invoice.paid").path("billing_reason").asString()).isEqualTo("subscription_cycle");
        assertThat(status(subscription)).isEqualTo("active");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == emulator.events().size());
    }

    @Test
    void aTrialWithoutAPaymentMethodIsCanceledAtItsEndOnAStripeTestClockAfterTheLastRetryFails() throws Exception {
        JsonNode clock = post("/v1/test_helpers/test_clocks", "frozen_time=1800000000&name=signup", null);
        JsonNode customer = post("/v1/customers", "email=cy%40example.com&metadata[organization_id]=acct_3&test_clock="
                + clock.path("id").asString(), null);
        JsonNode sub = post("/v1/subscriptions", "customer=" + customer.path("id").asString() + "&items[0][price]=price_starter_monthly"
                + "&trial_end=" + (1_800_000_000L + 14 * StripeState.DAY)
                + "&payment_settings[save_default_payment_method]=on_subscription"
                + "&trial_settings[end_behavior][missing_payment_method]=cancel&metadata[organization_id]=acct_3", "signup-1");
        assertThat(sub.path("status").asString()).isEqualTo("trialing");
        assertThat(sub.path("trial_end").asLong()).isEqualTo(1_800_000_000L + 14 * StripeState.DAY);

        JsonNode advanced = post("/v1/test_helpers/test_clocks/" + clock.path("id").asString() + "/advance",
                "frozen_time=" + (1_800_000_000L + 20 * StripeState.DAY), null);
        assertThat(advanced.path("frozen_time").asLong()).isEqualTo(1_800_000_000L + 20 * StripeState.DAY);
        assertThat(status(sub.path("id").asString())).isEqualTo("canceled");
        JsonNode warned = lastOf("customer.subscription.trial_will_end");
        assertThat(emulator.events().stream().filter(e -> e.path("type").asString().equals("customer.subscription.trial_will_end"))
                .findFirst().orElseThrow().path("created").asLong()).isEqualTo(1_800_000_000L + 11 * StripeState.DAY);
        assertThat(warned.path("id").asString()).isEqualTo(sub.path("id").asString());
        assertThat(lastOf("customer.subscription.deleted").path("ended_at").asLong()).isEqualTo(1_800_000_000L + 14 * StripeState.DAY);
    }

    @Test
    void aRefusedDeliveryIsRetriedAndNothingIsLostOrReordered() throws Exception {
        refuseNext.set(2);
        post("/v1/customers", "email=dee%40example.com", null);
        post("/v1/customers", "email=eve%40example.com", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
        assertThat(received).extracting(e -> ((com.stripe.model.Customer) e.getDataObjectDeserializer().deserializeUnsafe()).getEmail())
                .containsExactly("dee@example.com", "eve@example.com");
    }

    private String status(String subscription) {
        return emulator.object("subscription", subscription).orElseThrow().path("status").asString();
    }

    private JsonNode lastOf(String type) {
        return emulator.events().reversed().stream().filter(e -> e.path("type").asString().equals(type)).findFirst().orElseThrow()
                .path("data").path("object");
    }

    private JsonNode raw(String type) throws Exception {
        return JSON.readTree(received.stream().filter(e -> e.getType().equals(type)).findFirst().orElseThrow()
                .getDataObjectDeserializer().getRawJson());
    }

    private JsonNode post(String path, String body, String idempotencyKey) throws Exception {
        HttpResponse<String> response = form(emulator.url() + path, body, idempotencyKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> form(String url, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("[", "%5B").replace("]", "%5D")));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
