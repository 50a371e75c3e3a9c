package dev.tollgate.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tollgate.platform.test.StripeWebhooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A new account subscribes to the Community Edition, through real components: signed Stripe
 * webhooks into the gateway, Kafka, every service's PostgreSQL, SMTP, and the gateway's API.
 */
@ExtendWith(NeedsDockerForContainers.class)
@SharedPlatform
class CommunityEditionFlowTest {

    private static final String MONTHLY_PRICE = "price_community_monthly_usd";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningPlatform running;

    @BeforeAll
    static void usePlatform() {
        running = RunningPlatform.shared();
    }

    @Test
    void trialThenActivationGrantsEntitlementsAndWelcomesTheCustomerOnceEvenWhenEveryWebhookComesTwice() throws Exception {
        Customer ana = new Customer("acct_ana", "cus_ana", "sub_ana", "ana@example.com");
        List<String> webhooks = ana.checkoutTrialThenActivation(true);

        webhooks.forEach(this::deliver);
        awaitActive(ana);
        webhooks.forEach(this::deliver);

        JsonNode subscription = api(ana, "/api/subscriptions/me");
        assertThat(subscription.path("status").asString()).isEqualTo("active");
        assertThat(subscription.path("planId").asString()).isEqualTo("community");
        assertThat(subscription.path("amountMinor").asLong()).isEqualTo(2000);
        assertThat(subscription.path("currency").asString()).isEqualTo("usd");
        assertCommunityEntitlements(ana);

        // The marker, delivered after the duplicates along the same path: a failed renewal and its recovery,
        // whose "payment recovered" mail (not a second welcome) can only arrive after every duplicate before it was handled.
        deliver(ana.subscriptionEvent("evt_ana_past_due", "customer.subscription.updated", "past_due", 300, true));
        deliver(ana.subscriptionEvent("evt_ana_recovered", "customer.subscription.updated", "active", 400, true));
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(ana.email()).size() >= 3);
        List<String> subjects = mailsTo(ana.email()).stream().map(Mailbox::subject).toList();
        assertThat(subjects).as("the second delivery of every webhook changed nothing").containsExactlyInAnyOrder(
                "Bienvenido a LATAMLAB.AI - \u00a1Tu prueba de 14 d\u00edas comenz\u00f3! \uD83C\uDF89",
                "\u00a1Bienvenido a Community Edition! Tu suscripci\u00f3n est\u00e1 activa \u2705",
                "Pago recibido - tu suscripci\u00f3n a LATAMLAB.AI est\u00e1 activa de nuevo");
        assertThat(api(ana, "/api/notifications/me")).hasSize(3);
        assertThat(api(ana, "/api/subscriptions/me")).isEqualTo(subscription);
    }

    @Test
    void webhooksInReverseOrderEndInTheSameState() throws Exception {
        Customer bea = new Customer("acct_bea", "cus_bea", "sub_bea", "bea@example.com");
        List<String> webhooks = new ArrayList<>(bea.checkoutTrialThenActivation(false));

        webhooks.reversed().forEach(this::deliver);

        awaitActive(bea);
        JsonNode subscription = api(bea, "/api/subscriptions/me");
        assertThat(subscription.path("status").asString()).isEqualTo("active");
        assertThat(subscription.path("planId").asString()).isEqualTo("community");
        assertThat(subscription.path("trialEnd").asString()).isEqualTo(bea.trialEnd().toString());
        assertCommunityEntitlements(bea);
    }

    @Test
    void anOldSubscriptionEndingAfterTheNewOneIsActiveKeepsTheCustomersFeaturesInEitherOrderOfArrival() throws Exception {
        Customer dan = new Customer("acct_dan", "cus_dan", "sub_dan", "dan@example.com");
        Customer eve = new Customer("acct_eve", "cus_eve", "sub_eve", "eve@example.com");
        for (Customer customer : List.of(dan, eve)) {
            stubStripeCustomer(customer);
        }

        dan.twoSubscriptionsTheOldOneEndingLast().forEach(this::deliver);
        eve.twoSubscriptionsTheOldOneEndingLast().reversed().forEach(this::deliver);

        for (Customer customer : List.of(dan, eve)) {
            // The marker: the new subscription is set to cancel at its period end, after everything above.
            deliver(customer.newSubscriptionEvent("evt_" + customer.accountId() + "_marker", "active", 400, true));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(api(customer, "/api/subscriptions/me").path("cancelAtPeriodEnd").asBoolean()).isTrue());
            awaitActive(customer);
            JsonNode subscription = api(customer, "/api/subscriptions/me");
            assertThat(subscription.path("subscriptionId").asString()).isEqualTo(customer.newSubscriptionId());
            assertCommunityEntitlements(customer);
        }
    }

    @Test
    void aLoneSubscriptionCreatedEventIsEnoughAndTheEmailComesFromStripesCustomerApi() throws Exception {
        Customer cid = new Customer("acct_cid", "cus_cid", "sub_cid", "cid@example.com");
        stubStripeCustomer(cid);

        deliver(cid.subscriptionEvent("evt_cid_created", "customer.subscription.created", "trialing", 100, true));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                api(cid, "/api/entitlements/me").path("features").path("priority_support_tickets").path("limit").asLong())
                .isEqualTo(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(cid.email()).size() == 1);
        assertThat(Mailbox.subject(mailsTo(cid.email()).getFirst())).contains("\u00a1Tu prueba de 14 d\u00edas comenz\u00f3!");
        assertThat(api(cid, "/api/subscriptions/me").path("trialDaysLeft").asLong()).isBetween(13L, 14L);
    }

    @Test
    void theApiRefusesCallsWithoutAValidToken() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(running.platform().gatewayUrl()
                + "/api/subscriptions/me")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(running.platform().gatewayUrl()
                + "/api/subscriptions/me")).header("Authorization", "Bearer not.a.jwt")
                .header("X-Tollgate-Account-Id", "acct_ana").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void operatorsSeeReadinessAndWebhookCountersOnThePrometheusEndpoint() throws Exception {
        String irrelevant = StripeWebhooks.json().writeValueAsString(StripeWebhooks.event("evt_ops_plan", "plan.created",
                Instant.now().getEpochSecond(), StripeWebhooks.fixture("plan")));
        deliver(irrelevant);

        HttpResponse<String> readiness = HTTP.send(HttpRequest.newBuilder(URI.create(running.platform().gatewayUrl()
                + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"");
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(running.platform().gatewayManagementUrl() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("tollgate_stripe_webhooks_accepted_total\\{[^}]*type=\"plan.created\"[^}]*\\} 1\\.0");
    }

    private static void stubStripeCustomer(Customer customer) {
        running.stripeApi().stubFor(get(urlPathEqualTo("/v1/customers/" + customer.customerId())).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(JSON.writeValueAsString(customer.stripeCustomer()))));
    }

    private void awaitActive(Customer customer) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(api(customer, "/api/subscriptions/me").path("status").asString()).isEqualTo("active");
            assertThat(api(customer, "/api/tickets/allowance/me").path("monthlyLimit").asLong()).isEqualTo(5);
            assertThat(api(customer, "/api/community/access/me").path("communityAccess").asBoolean()).isTrue();
        });
    }

    private void assertCommunityEntitlements(Customer customer) throws Exception {
        JsonNode entitlements = api(customer, "/api/entitlements/me");
        assertThat(entitlements.path("planId").asString()).isEqualTo("community");
        assertThat(entitlements.path("subscriptionStatus").asString()).isEqualTo("active");
        assertThat(entitlements.path("features")).isEqualTo(JSON.readTree(
                "{\"priority_support_tickets\": {\"limit\": 5, \"period\": \"month\"}, \"storage_gb\": {\"limit\": 10},"
                        + " \"community_access\": {\"enabled\": true}, \"ai_agents\": {\"limit\": -1}}"));
    }

    private void deliver(String payload) {
        running.gateway().deliver(payload);
    }

    private JsonNode api(Customer customer, String path) {
        return JSON.readTree(running.gateway().call(Gateway.caller("user_" + customer.accountId(), customer.accountId(),
                customer.email(), "owner"), "GET", path, null).body());
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Mailbox.to(running.smtp(), address);
    }

    /** One customer's Stripe objects, built from Stripe's example fixtures. */
    private record Customer(String accountId, String customerId, String subscriptionId, String email) {

        static final long T0 = Instant.now().getEpochSecond() - 60;

        Instant trialEnd() {
            return Instant.ofEpochSecond(T0 + 100 + 14 * 86_400);
        }

        /** Checkout completed, then the trialing subscription, then its activation; Stripe's own sequence. */
        List<String> checkoutTrialThenActivation(boolean subscriptionNamesTheAccount) {
            return List.of(checkoutCompleted(), subscriptionEvent("evt_" + accountId + "_created",
                    "customer.subscription.created", "trialing", 100, subscriptionNamesTheAccount),
                    subscriptionEvent("evt_" + accountId + "_updated", "customer.subscription.updated", "active", 200,
                            subscriptionNamesTheAccount));
        }

        String checkoutCompleted() {
            ObjectNode session = StripeWebhooks.fixture("checkout.session");
            session.put("id", "cs_test_" + accountId);
            session.put("mode", "subscription");
            session.put("status", "complete");
            session.put("payment_status", "no_payment_required");
            session.put("customer", customerId);
            session.put("subscription", subscriptionId);
            session.put("client_reference_id", accountId);
            ((ObjectNode) session.path("customer_details")).put("email", email);
            return json(StripeWebhooks.event("evt_" + accountId + "_checkout", "checkout.session.completed", T0 + 50, session));
        }

        String newSubscriptionId() {
            return subscriptionId + "_new";
        }

        /**
         * An old subscription (active, period ending in 20 days), a new one (active 100 s later,
         * period ending in 30 days), then the old one's end: Stripe's order.
         */
        List<String> twoSubscriptionsTheOldOneEndingLast() {
            return List.of(subscriptionEvent("evt_" + accountId + "_old_created", "customer.subscription.created", "active", 100,
                    true), newSubscriptionEvent("evt_" + accountId + "_new_created", "active", 200, false),
                    subscriptionEvent(subscriptionId, "evt_" + accountId + "_old_deleted", "customer.subscription.deleted",
                            "canceled", 300, true, 20, false));
        }

        String newSubscriptionEvent(String eventId, String status, long offset, boolean cancelAtPeriodEnd) {
            return subscriptionEvent(newSubscriptionId(), eventId, "customer.subscription.updated", status, offset, true, 30,
                    cancelAtPeriodEnd);
        }

        String subscriptionEvent(String eventId, String type, String status, long offset, boolean namesAccount) {
            return subscriptionEvent(subscriptionId, eventId, type, status, offset, namesAccount, 14, false);
        }

        String subscriptionEvent(String id, String eventId, String type, String status, long offset, boolean namesAccount,
                int periodDays, boolean cancelAtPeriodEnd) {
            StripeSubscription subscription = StripeSubscription.of(id, customerId, status, T0 + 100).trialUntil(T0 + 100 + 14 * 86_400)
                    .periodEnd(T0 + 100 + periodDays * 86_400L).cancelAtPeriodEnd(cancelAtPeriodEnd)
                    .price(MONTHLY_PRICE, 2000, "usd");
            if (namesAccount) {
                subscription.forAccount(accountId);
            }
            return subscription.event(eventId, type, T0 + offset);
        }

        ObjectNode stripeCustomer() {
            ObjectNode customer = StripeWebhooks.fixture("customer");
            customer.put("id", customerId);
            customer.put("email", email);
            return customer;
        }

        private static String json(ObjectNode node) {
            return StripeWebhooks.json().writeValueAsString(node);
        }
    }
}
