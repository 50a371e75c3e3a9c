package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import dev.tollgate.stripe.emulator.StripeEmulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 6's "tried as a new user would": no Stripe key, no network, the l4yercak3 catalog. A new
 * account checks out Starter monthly through the gateway, pays on the emulator's checkout page, and
 * gets Starter's limits; the emulator's clock then ends the trial (active), the card starts failing
 * and a renewal makes the account past due, and fixing the card makes it active again. Every step
 * reaches the platform only as the emulator's signed webhooks.
 */
@ExtendWith(NeedsDockerForContainers.class)
class OfflineStripeEmulatorFlowTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String ACCOUNT = "acct_e2e_emulator";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static Infrastructure infrastructure;
    private static GreenMail smtp;
    private static StripeEmulator stripe;
    private static TollgatePlatform platform;

    @BeforeAll
    static void startPlatformWithTheEmulator() throws Exception {
        infrastructure = Infrastructure.selected();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        stripe = StripeEmulator.start(StripeEmulator.Settings.of(0, null, TollgatePlatform.WEBHOOK_SECRET, List.of()));
        try (InputStream catalog = OfflineStripeEmulatorFlowTest.class.getResourceAsStream("/catalogs/l4yercak3.yml")) {
            stripe.withCatalog(catalog);
        }
        platform = new TollgatePlatform(infrastructure, smtp.getSmtp().getPort(), stripe.url(), Map.of(
                "tollgate.catalog.name", "l4yercak3",
                "tollgate.billing.checkout.success-url", stripe.url() + "/success?session_id={CHECKOUT_SESSION_ID}",
                "tollgate.billing.checkout.cancel-url", stripe.url() + "/"));
        stripe.deliverWebhooksTo(URI.create(platform.gatewayUrl() + "/webhooks/stripe"));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (stripe != null) {
            stripe.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void aNewCustomerPaysStarterInTheEmulatorThenARenewalWithAFailingCardIsPastDueUntilTheCardIsFixed() throws Exception {
        HttpResponse<String> checkout = api("POST", "/api/billing/checkout", "{\"price\": \"price_starter_monthly_trial\"}");
        assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
        String url = JSON.readTree(checkout.body()).path("url").asString();
        assertThat(url).startsWith(stripe.url() + "/checkout/cs_test_");

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Starter Monthly (14-day trial)", "Pay (card succeeds)");
        HttpResponse<String> paid = form(url + "/pay", "card=succeeds");
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location").orElseThrow()).startsWith(stripe.url() + "/success?session_id=cs_test_");

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode subscription = JSON.readTree(api("GET", "/api/subscriptions/me", null).body());
            assertThat(subscription.path("status").asString()).isEqualTo("trialing");
            assertThat(subscription.path("planId").asString()).isEqualTo("starter");
        });
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertStarterLimits(
                JSON.readTree(api("GET", "/api/entitlements/me", null).body())));

        String sessionId = url.substring(url.lastIndexOf('/') + 1);
        String customer = stripe.object("checkout.session", sessionId).orElseThrow().path("customer").asString();

        // Past the 14-day trial with a working card: the first real invoice is paid.
        assertThat(form(stripe.url() + "/emulator/customers/" + customer + "/advance", "days=15").statusCode()).isEqualTo(200);
        awaitStatus("active");
        assertStarterLimits(JSON.readTree(api("GET", "/api/entitlements/me", null).body()));

        // The card starts failing; past the next renewal the account is past due.
        assertThat(form(stripe.url() + "/emulator/customers/" + customer + "/card", "card=fails").statusCode()).isEqualTo(200);
        assertThat(form(stripe.url() + "/emulator/customers/" + customer + "/advance", "days=31").statusCode()).isEqualTo(200);
        awaitStatus("past_due");

        // A working card pays the open invoice at once: active again.
        assertThat(form(stripe.url() + "/emulator/customers/" + customer + "/fix-card", "").statusCode()).isEqualTo(200);
        awaitStatus("active");
        await().atMost(PATIENCE).until(() -> stripe.webhooksPending() == 0);
    }

    @Test
    void aSignupTrialBecomesATrialingStripeSubscriptionThatSubscriptionServiceAcceptsWithoutASecondTrialOrWelcomeMail()
            throws Exception {
        String account = "acct_e2e_emulator_signup";
        String email = "signup-newcomer@example.com";
        Map<String, Object> owner = Gateway.caller("user_e2e_signup", account, email, "owner");
        Map<String, Object> operator = Gateway.caller("ops_e2e_signup", "acct_ops", "ops@tollgate.test", "platform_admin");
        HttpResponse<String> started = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> call(owner, "POST",
                "/api/subscriptions", "{\"billingCycle\":\"monthly\",\"currency\":\"EUR\"}"), response -> response.statusCode() != 503);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String localTrial = JSON.readTree(started.body()).path("subscription").path("id").asString();
        long trialEnd = java.time.Instant.parse(JSON.readTree(started.body()).path("subscription").path("trialEnd").asString())
                .getEpochSecond();

        JsonNode stripeTrial = await().atMost(PATIENCE).until(() -> stripe.events().stream()
                .filter(e -> e.path("type").asString().equals("customer.subscription.created"))
                .map(e -> e.path("data").path("object"))
                .filter(sub -> account.equals(sub.path("metadata").path("organization_id").asString(null))).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(stripeTrial.path("status").asString()).isEqualTo("trialing");
        assertThat(stripeTrial.path("trial_end").asLong()).isEqualTo(trialEnd);
        assertThat(stripeTrial.path("trial_settings").path("end_behavior").path("missing_payment_method").asString()).isEqualTo("cancel");

        // subscription-service holds the Stripe trial beside its own: the account's one trial, one welcome mail.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(JSON.readTree(call(operator, "GET",
                "/api/subscriptions/admin/accounts/" + account, null).body()).path("subscriptions").valueStream()
                .map(sub -> sub.path("subscriptionId").asString()).toList()).contains(localTrial, stripeTrial.path("id").asString()));
        JsonNode mine = JSON.readTree(call(owner, "GET", "/api/subscriptions/me", null).body());
        assertThat(mine.path("status").asString()).isEqualTo("trialing");
        await().atMost(PATIENCE).until(() -> stripe.webhooksPending() == 0);
        await().atMost(PATIENCE).until(() -> mailsTo(email) >= 1);
        assertThat(mailsTo(email)).isEqualTo(1);
    }

    private static long mailsTo(String address) {
        return Mailbox.to(smtp, address).size();
    }

    private static void assertStarterLimits(JsonNode entitlements) {
        assertThat(entitlements.path("planId").asString()).as(entitlements.toString()).isEqualTo("starter");
        assertThat(entitlements.path("features").path("max_contacts").path("limit").asLong()).as(entitlements.toString())
                .isEqualTo(1000);
        assertThat(entitlements.path("features").path("max_users").path("limit").asLong()).as(entitlements.toString()).isEqualTo(3);
    }

    private static void awaitStatus(String status) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                JSON.readTree(api("GET", "/api/subscriptions/me", null).body()).path("status").asString()).isEqualTo(status));
    }

    private static HttpResponse<String> form(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> api(String method, String path, String body) throws Exception {
        return call(Gateway.caller("user_e2e_emulator", ACCOUNT, "newcomer@example.com", "owner"), method, path, body);
    }

    private static HttpResponse<String> call(Map<String, Object> caller, String method, String path, String body) {
        return new Gateway(platform.gatewayUrl()).call(caller, method, path, body);
    }
}
