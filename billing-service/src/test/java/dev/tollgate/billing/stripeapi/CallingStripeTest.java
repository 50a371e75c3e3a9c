package dev.tollgate.billing.stripeapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tollgate.billing.StripeApiStandIn.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.tollgate.billing.BillingIntegrationTest;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.TestKafka;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

class CallingStripeTest extends BillingIntegrationTest {

    @Autowired
    StripeApi stripe;

    @Autowired
    CircuitBreaker breaker;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void closeTheBreakerForTheNextTest() {
        breaker.reset();
    }

    @Test
    void aStripeOutageDuringTheCustomerLookupDelaysTheEventInsteadOfDroppingItsEmail() {
        failThenAnswer("cus_flaky", 4, """
                {"id": "cus_flaky", "object": "customer", "email": "flaky@example.com", "metadata": {}}""");

        deliver("evt_flaky", "customer.subscription.created", Instant.now().getEpochSecond(),
                subscription("sub_flaky", "cus_flaky", "acct_flaky", "trialing"));

        List<JsonNode> published = billingEvents("acct_flaky", 1);
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().path("customerEmail").asString()).isEqualTo("flaky@example.com");
        server().verify(5, getRequestedFor(urlPathEqualTo("/v1/customers/cus_flaky")));
        assertThat(TestKafka.read(Topics.deadLetterOf(Topics.STRIPE_WEBHOOKS), r -> "cus_flaky".equals(r.key()), 1,
                Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aServerErrorIsRetriedButACardOrValidationErrorIsAskedOnlyOnce() {
        server().stubFor(get(urlPathEqualTo("/v1/customers/cus_500")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": {\"type\": \"api_error\"}}")));
        server().stubFor(get(urlPathEqualTo("/v1/customers/cus_402")).willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"card_error\", \"code\": \"card_declined\"}}")));

        assertThatThrownBy(() -> stripe.customerEmail("cus_500")).isInstanceOf(StripeUnavailableException.class);
        assertThatThrownBy(() -> stripe.customerEmail("cus_402")).isInstanceOf(StripeUnavailableException.class);

        server().verify(3, getRequestedFor(urlPathEqualTo("/v1/customers/cus_500")));
        server().verify(1, getRequestedFor(urlPathEqualTo("/v1/customers/cus_402")));
        assertThat(meters.get(StripeApi.CALLS_METRIC).tag("operation", "customers.retrieve").tag("outcome", "failed")
                .timer().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anUnknownCustomerMeansNoEmailAndIsNotRetried() {
        server().stubFor(get(urlPathEqualTo("/v1/customers/cus_gone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"resource_missing\"}}")));

        assertThat(stripe.customerEmail("cus_gone")).isEmpty();
        server().verify(1, getRequestedFor(urlPathEqualTo("/v1/customers/cus_gone")));
    }

    @Test
    void whileStripeKeepsFailingTheBreakerOpensAndCallsFailWithoutReachingStripe() {
        server().stubFor(get(urlPathEqualTo("/v1/customers/cus_down")).willReturn(aResponse().withStatus(503)));
        for (int call = 0; call < 5 && breaker.getState() != CircuitBreaker.State.OPEN; call++) {
            assertThatThrownBy(() -> stripe.customerEmail("cus_down")).isInstanceOf(StripeUnavailableException.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int reached = server().findAll(getRequestedFor(urlPathEqualTo("/v1/customers/cus_down"))).size();
        double rejected = rejectedCalls();

        assertThatThrownBy(() -> stripe.customerEmail("cus_down")).isInstanceOf(StripeUnavailableException.class)
                .hasMessageContaining("circuit breaker");

        assertThat(server().findAll(getRequestedFor(urlPathEqualTo("/v1/customers/cus_down")))).hasSize(reached);
        assertThat(rejectedCalls()).isEqualTo(rejected + 1);
    }

    private double rejectedCalls() {
        var timer = meters.find(StripeApi.CALLS_METRIC).tag("operation", "customers.retrieve").tag("outcome", "rejected").timer();
        return timer == null ? 0 : timer.count();
    }

    /** Stripe answers 503 {@code failures} times for this customer, then the customer. */
    private static void failThenAnswer(String customer, int failures, String body) {
        String scenario = "outage-" + customer;
        for (int attempt = 0; attempt < failures; attempt++) {
            server().stubFor(get(urlPathEqualTo("/v1/customers/" + customer)).inScenario(scenario)
                    .whenScenarioStateIs(attempt == 0 ? Scenario.STARTED : "failed-" + attempt)
                    .willSetStateTo("failed-" + (attempt + 1))
                    .willReturn(aResponse().withStatus(503)));
        }
        server().stubFor(get(urlPathEqualTo("/v1/customers/" + customer)).inScenario(scenario)
                .whenScenarioStateIs("failed-" + failures)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }
}
