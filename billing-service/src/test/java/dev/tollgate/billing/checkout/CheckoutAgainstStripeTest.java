package dev.tollgate.billing.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tollgate.billing.StripeApiStandIn.server;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.tollgate.billing.stripe.L4yercak3IntegrationTest;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.SignedCaller;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every checkout kind and the portal against Stripe's HTTP API stubbed with WireMock, asserting the
 * form parameters billing sends; and every refusal as a problem.
 */
class CheckoutAgainstStripeTest extends L4yercak3IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    CircuitBreaker breaker;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void stripeCreatesSessions() {
        server().stubFor(WireMock.post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "cs_test_{{randomValue length=8 type='ALPHANUMERIC'}}", "object": "checkout.session",
                         "url": "https://checkout.stripe.com/c/pay/cs_test_1"}""")));
        server().stubFor(WireMock.post(urlPathEqualTo("/v1/billing_portal/sessions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "bps_1", "object": "billing_portal.session", "url": "https://billing.stripe.com/p/session/test_1"}""")));
        server().stubFor(WireMock.post(urlPathEqualTo("/v1/billing_portal/configurations")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "bpc_l4yercak3", "object": "billing_portal.configuration"}""")));
    }

    @AfterEach
    void closeTheBreaker() {
        breaker.reset();
    }

    @Test
    void aNewSignupGetsATrialSubscriptionCheckoutWithCardSepaPromotionCodesTaxIdsAndTheAccountOnSessionAndSubscription() {
        HttpResponse<String> response = post("acct_co_new", "/api/billing/checkout", """
                {"price": "price_starter_monthly_trial"}""", "req-1");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("url").asString()).startsWith("https://checkout.stripe.com/");
        assertThat(body.path("mode").asString()).isEqualTo("subscription");
        Map<String, String> form = lastForm("/v1/checkout/sessions", "acct_co_new");
        assertThat(form).containsEntry("mode", "subscription")
                .containsEntry("line_items[0][price]", "price_starter_monthly_trial")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("subscription_data[trial_period_days]", "14")
                .containsEntry("payment_method_types[0]", "card")
                .containsEntry("payment_method_types[1]", "sepa_debit")
                .containsEntry("allow_promotion_codes", "true")
                .containsEntry("tax_id_collection[enabled]", "true")
                .containsEntry("billing_address_collection", "required")
                .containsEntry("client_reference_id", "acct_co_new")
                .containsEntry("metadata[organization_id]", "acct_co_new")
                .containsEntry("subscription_data[metadata][organization_id]", "acct_co_new")
                .containsEntry("customer_email", "acct_co_new@example.com")
                .doesNotContainKey("line_items[1][price]");
        assertThat(form.get("success_url")).contains("{CHECKOUT_SESSION_ID}");
    }

    @Test
    void theSameRequestAgainCarriesTheSameIdempotencyKeySoStripeAnswersWithTheSameSession() {
        post("acct_co_idem", "/api/billing/checkout", "{\"price\": \"price_professional_annual_trial\"}", "req-42");
        post("acct_co_idem", "/api/billing/checkout", "{\"price\": \"price_professional_annual_trial\"}", "req-42");
        post("acct_co_idem", "/api/billing/checkout", "{\"price\": \"price_professional_annual_trial\"}", "req-43");

        List<String> keys = server().findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("acct_co_idem"))).stream().map(r -> r.getHeader("Idempotency-Key")).toList();
        assertThat(keys).hasSize(3);
        assertThat(keys.get(0)).startsWith("tollgate-checkout-").isEqualTo(keys.get(1)).isNotEqualTo(keys.get(2));
        assertThat(lastForm("/v1/checkout/sessions", "acct_co_idem")).containsEntry("line_items[0][price]",
                "price_professional_annual_trial");
    }

    @Test
    void agencyWithExtraSubOrganizationsIsASecondQuantityLineOfTheSameInterval() {
        HttpResponse<String> response = post("acct_co_agency", "/api/billing/checkout", """
                {"price": "price_agency_annual_trial", "extraSubOrganizations": 3}""", null);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(lastForm("/v1/checkout/sessions", "acct_co_agency"))
                .containsEntry("line_items[0][price]", "price_agency_annual_trial")
                .containsEntry("line_items[1][price]", "price_sub_org_annual")
                .containsEntry("line_items[1][quantity]", "3");
    }

    @Test
    void buildSprintOptionsAndTokenPacksArePaymentModeCheckoutsThatCreateAnInvoice() {
        assertThat(post("acct_co_sprint", "/api/billing/checkout", "{\"price\": \"price_build_sprint_deposit\"}", null)
                .statusCode()).isEqualTo(201);
        assertThat(lastForm("/v1/checkout/sessions", "acct_co_sprint")).containsEntry("mode", "payment")
                .containsEntry("line_items[0][price]", "price_build_sprint_deposit")
                .containsEntry("invoice_creation[enabled]", "true")
                .containsEntry("customer_creation", "always")
                .containsEntry("metadata[tollgate_price_id]", "price_build_sprint_deposit")
                .containsEntry("metadata[product_type]", "build_sprint")
                .containsEntry("payment_intent_data[metadata][organization_id]", "acct_co_sprint")
                .doesNotContainKey("subscription_data[trial_period_days]");

        holdPlan("acct_co_tokens", "cus_co_tokens", "price_starter_monthly_trial", "active");
        HttpResponse<String> tokens = post("acct_co_tokens", "/api/billing/checkout",
                "{\"price\": \"price_ai_tokens_100k\", \"quantity\": 2}", null);
        assertThat(tokens.statusCode()).isEqualTo(201);
        assertThat(lastForm("/v1/checkout/sessions", "acct_co_tokens")).containsEntry("mode", "payment")
                .containsEntry("line_items[0][quantity]", "2").containsEntry("customer", "cus_co_tokens")
                .containsEntry("customer_update[address]", "auto").containsEntry("metadata[tollgate_quantity]", "2")
                .doesNotContainKey("customer_creation");
        assertThat(meters.get("tollgate.billing.checkout.sessions").tag("product", "ai_tokens").counter().count()).isEqualTo(1);
    }

    @Test
    void whatMayNotBeBoughtIsRefusedWithAProblemSayingWhy() {
        assertProblem(post("acct_co_refused", "/api/billing/checkout", "{\"price\": \"price_enterprise\"}", null), 400,
                "unknown_price");
        assertProblem(post("acct_co_refused", "/api/billing/checkout", "{\"price\": \"price_ai_tokens_100k\"}", null), 409,
                "requires_plan");
        assertProblem(post("acct_co_refused", "/api/billing/checkout", "{\"price\": \"price_starter_monthly\"}", null), 409,
                "legacy_price");
        assertProblem(post("acct_co_refused", "/api/billing/checkout", "{}", null), 400, "invalid_request");
        assertProblem(post("acct_co_refused", "/api/billing/checkout",
                "{\"price\": \"price_starter_monthly_trial\", \"successUrl\": \"javascript:alert(1)\"}", null), 400, "invalid_request");
        assertProblem(post("acct_co_refused", "/api/billing/checkout",
                "{\"price\": \"price_starter_monthly_trial\", \"successUrl\": \"https://phish.example/pay\"}", null), 400,
                "invalid_request");

        holdPlan("acct_co_trial", "cus_co_trial", "price_starter_monthly_trial", "trialing");
        assertProblem(post("acct_co_trial", "/api/billing/checkout", "{\"price\": \"price_professional_monthly_trial\"}", null),
                409, "second_trial");
        assertThat(post("acct_co_trial", "/api/billing/checkout", "{\"price\": \"price_professional_monthly\"}", null)
                .statusCode()).as("an existing customer may buy the legacy price").isEqualTo(201);
        server().verify(0, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")).withRequestBody(containing("acct_co_refused")));
    }

    @Test
    void thePortalOpensForTheAccountsCustomerAndNotBeforeItHasOne() {
        assertProblem(post("acct_co_noportal", "/api/billing/portal", "{}", null), 409, "no_customer");

        holdPlan("acct_co_portal", "cus_co_portal", "price_starter_monthly_trial", "active");
        HttpResponse<String> response = post("acct_co_portal", "/api/billing/portal",
                "{\"returnUrl\": \"http://localhost:3000/settings\"}", null);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).path("url").asString()).isEqualTo("https://billing.stripe.com/p/session/test_1");
        assertThat(lastForm("/v1/billing_portal/sessions", "cus_co_portal")).containsEntry("customer", "cus_co_portal")
                .containsEntry("return_url", "http://localhost:3000/settings")
                .containsEntry("configuration", "bpc_l4yercak3");
        // The document's portal: switches only among Starter, Professional and Agency, onto prices without a trial;
        // cancellation with the five survey reasons; no pausing.
        Map<String, String> configuration = lastForm("/v1/billing_portal/configurations", "subscription_update");
        assertThat(configuration).containsEntry("features[subscription_update][enabled]", "true")
                .containsEntry("features[subscription_update][products][0][product]", "prod_starter")
                .containsEntry("features[subscription_update][products][1][product]", "prod_professional")
                .containsEntry("features[subscription_update][products][2][product]", "prod_agency")
                .containsEntry("features[subscription_update][products][0][prices][0]", "price_starter_monthly")
                .doesNotContainValue("price_community_monthly")
                .doesNotContainValue("price_starter_monthly_trial")
                .containsEntry("features[subscription_cancel][cancellation_reason][options][0]", "too_expensive")
                .containsEntry("features[subscription_cancel][cancellation_reason][options][4]", "other")
                .containsEntry("features[invoice_history][enabled]", "true")
                .doesNotContainKey("features[subscription_pause][enabled]");
    }

    @Test
    void whenStripeIsDownTheCallerGetsA503ProblemInBoundedTime() {
        server().stubFor(WireMock.post(urlPathEqualTo("/v1/checkout/sessions")).withRequestBody(containing("acct_co_down")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"down\"}}")));

        HttpResponse<String> response = post("acct_co_down", "/api/billing/checkout", "{\"price\": \"price_starter_monthly_trial\"}", null);

        assertProblem(response, 503, null);
        server().verify(3, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")).withRequestBody(containing("acct_co_down")));
        assertThat(meters.get("tollgate.stripe.api.errors").tag("operation", "checkout.sessions.create").counter().count())
                .isPositive();
    }

    private void holdPlan(String account, String customer, String price, String status) {
        long t = Instant.now().getEpochSecond();
        deliver("evt_" + account, "customer.subscription.created", t,
                subscription("sub_" + account, customer, account, status, price, 19900, t, t + 30 * 86_400));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("detail").asString()).isNotBlank();
        if (code != null) {
            assertThat(problem.path("code").asString()).isEqualTo(code);
        }
    }

    private static Map<String, String> lastForm(String path, String mentioning) {
        List<LoggedRequest> requests = server().findAll(postRequestedFor(urlPathEqualTo(path)).withRequestBody(containing(mentioning)));
        assertThat(requests).isNotEmpty();
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : requests.getLast().getBodyAsString().split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    private HttpResponse<String> post(String account, String path, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        SignedCaller.identityHeaders(new CallerIdentity("user_" + account, account, account + "@example.com", List.of("owner")),
                "billing-service").forEach(request::header);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
