package dev.tollgate.billing.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tollgate.billing.StripeApiStandIn.server;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.tollgate.billing.stripe.L4yercak3IntegrationTest;
import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.events.EventEnvelope;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signup's local trial (subscription-service's {@code subscription.trial_started.v1} of a
 * {@code sub_trial_} subscription) becomes a Stripe customer and a trialing Stripe subscription, once
 * per event, and an operator's extension moves its end, against Stripe's HTTP API stubbed with WireMock.
 */
class SignupTrialInStripeTest extends L4yercak3IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Inbox inbox;
    @Autowired
    SignupTrials trials;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void stripeCreatesCustomersAndSubscriptions() {
        server().stubFor(WireMock.post(urlPathEqualTo("/v1/customers")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "cus_signup_{{randomValue length=8 type='ALPHANUMERIC'}}", "object": "customer"}""")));
        server().stubFor(WireMock.post(urlPathEqualTo("/v1/subscriptions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "sub_signup_1", "object": "subscription", "status": "trialing"}""")));
    }

    @Test
    void aLocalSignupTrialBecomesATrialingStripeSubscriptionEndingWithItOnceAlsoWhenRedelivered() {
        String account = "acct_signup_" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        Instant trialEnd = Instant.now().plus(14, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String payload = trialStarted(eventId, account, "sub_trial_abc", trialEnd);

        deliverTrialStarted(eventId, account, payload);
        deliverTrialStarted(eventId, account, payload);

        List<LoggedRequest> customers = requestsFor("/v1/customers", account);
        assertThat(customers).singleElement().satisfies(request -> {
            assertThat(form(request)).containsEntry("email", "new@example.com").containsEntry("metadata[organization_id]", account);
            assertThat(request.getHeader("Idempotency-Key")).isEqualTo("tollgate-signup-customer-" + eventId);
        });
        List<LoggedRequest> subscriptions = requestsFor("/v1/subscriptions", account);
        assertThat(subscriptions).singleElement().satisfies(request -> {
            assertThat(form(request)).containsEntry("items[0][price]", "price_starter_monthly_trial")
                    .containsEntry("trial_end", Long.toString(trialEnd.getEpochSecond()))
                    .containsEntry("payment_settings[save_default_payment_method]", "on_subscription")
                    .containsEntry("trial_settings[end_behavior][missing_payment_method]", "cancel")
                    .containsEntry("metadata[organization_id]", account);
            assertThat(form(request).get("customer")).startsWith("cus_signup_");
            assertThat(request.getHeader("Idempotency-Key")).isEqualTo("tollgate-signup-trial-" + eventId);
        });
    }

    @Test
    void theTrialOfAStripeSubscriptionCreatesNothingInStripe() {
        String account = "acct_signup_" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        deliverTrialStarted(eventId, account, trialStarted(eventId, account, "sub_1StripeOwnsIt", Instant.now().plus(14, ChronoUnit.DAYS)));

        assertThat(requestsFor("/v1/customers", account)).isEmpty();
        assertThat(requestsFor("/v1/subscriptions", account)).isEmpty();
    }

    @Test
    void anOperatorsTrialExtensionMovesTheTrialEndOfTheAccountsTrialingStripeSubscriptionsLaterOnceAndNeverEarlier() {
        String account = "acct_extend_" + UUID.randomUUID().toString().substring(0, 8);
        Instant newEnd = Instant.now().plus(24, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        holds(account, "sub_" + account + "_trial", "trialing", newEnd.minus(10, ChronoUnit.DAYS));
        holds(account, "sub_" + account + "_old", "canceled", newEnd.minus(40, ChronoUnit.DAYS));
        holds(account, "sub_" + account + "_later", "trialing", newEnd.plus(5, ChronoUnit.DAYS));
        server().stubFor(WireMock.post(urlPathEqualTo("/v1/subscriptions/sub_" + account + "_trial")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "sub_moved", "object": "subscription", "status": "trialing"}""")));
        String eventId = UUID.randomUUID().toString();
        String payload = JSON.writeValueAsString(Map.of("eventId", eventId, "accountId", account, "trialEnd", newEnd.toString(),
                "reason", "Customer asked at the webinar"));

        for (int delivery = 0; delivery < 2; delivery++) {
            inbox.receive(SignupTrials.CONSUMER, new EventEnvelope(eventId, "/tollgate/subscription-service",
                    SignupTrials.TRIAL_EXTENDED, Instant.now(), account, payload),
                    envelope -> trials.extend(envelope.dataAs(SignupTrials.TrialExtended.class, JSON)));
        }

        assertThat(server().findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_" + account + "_trial"))))
                .singleElement().satisfies(request -> {
                    assertThat(form(request)).containsEntry("trial_end", Long.toString(newEnd.getEpochSecond()))
                            .containsEntry("proration_behavior", "none");
                    assertThat(request.getHeader("Idempotency-Key")).isEqualTo("tollgate-trial-extension-" + eventId + "-sub_"
                            + account + "_trial");
                });
        assertThat(server().findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_" + account + "_old"))))
                .as("a subscription out of its trial is left alone").isEmpty();
        assertThat(server().findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_" + account + "_later"))))
                .as("a trial is never moved earlier, e.g. by an older extension replayed").isEmpty();
    }

    /** The Stripe subscription billing holds after Stripe's webhooks reported it. */
    private void holds(String account, String subscription, String status, Instant trialEnd) {
        jdbc.sql("""
                INSERT INTO stripe_subscription (subscription_id, customer_id, account_id, plan_id, price_id, status,
                    last_event_id, last_event_created, trial_end) VALUES (:id, :customer, :account, 'starter',
                    'price_starter_monthly_trial', :status, :event, now(), :trialEnd)""")
                .param("id", subscription).param("customer", "cus_" + account).param("account", account)
                .param("status", status).param("event", "evt_" + subscription)
                .param("trialEnd", java.sql.Timestamp.from(trialEnd)).update();
    }

    private void deliverTrialStarted(String eventId, String account, String payload) {
        inbox.receive(SignupTrials.CONSUMER, new EventEnvelope(eventId, "/tollgate/subscription-service", SignupTrials.TRIAL_STARTED,
                Instant.now(), account, payload), envelope -> trials.start(envelope.dataAs(SignupTrials.TrialStarted.class, JSON)));
    }

    private static String trialStarted(String eventId, String account, String subscriptionId, Instant trialEnd) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId);
        event.put("accountId", account);
        event.put("occurredAt", Instant.now().toString());
        event.put("version", 1);
        event.put("transition", "TRIAL_STARTED");
        event.put("subscriptionId", subscriptionId);
        event.put("planId", "starter");
        event.put("status", "trialing");
        event.put("billingInterval", "month");
        event.put("trialEnd", trialEnd.toString());
        event.put("cancelAtPeriodEnd", false);
        event.put("amountMinor", 19900);
        event.put("currency", "eur");
        event.put("email", "new@example.com");
        event.put("freeTier", false);
        return JSON.writeValueAsString(event);
    }

    private static List<LoggedRequest> requestsFor(String path, String account) {
        return server().findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .filter(r -> account.equals(form(r).get("metadata[organization_id]"))).toList();
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
