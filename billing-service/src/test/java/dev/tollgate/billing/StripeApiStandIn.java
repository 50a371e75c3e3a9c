package dev.tollgate.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.tollgate.platform.test.StripeWebhooks;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's HTTP API for billing's tests, one WireMock server per test JVM. By default a customer
 * {@code cus_x} has the e-mail {@code cus_x@customers.tollgate.test} and a subscription is unknown
 * (Stripe's 404); a test stubs what it needs on top ({@link #server()}).
 */
public class StripeApiStandIn implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final WireMockServer SERVER = start();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("stripe-api-stand-in",
                Map.of("tollgate.stripe.api-base", SERVER.baseUrl())));
    }

    public static WireMockServer server() {
        return SERVER;
    }

    /** Stripe answers {@code GET /v1/subscriptions/{id}} with this object from now on. */
    public static void serveSubscription(ObjectNode subscription) {
        SERVER.stubFor(get(urlPathEqualTo("/v1/subscriptions/" + subscription.path("id").asString()))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(StripeWebhooks.json().writeValueAsString(subscription))));
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().globalTemplating(true));
        server.stubFor(get(urlPathMatching("/v1/customers/[^/]+")).atPriority(10).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id": "{{request.pathSegments.[2]}}", "object": "customer", "livemode": false,
                         "email": "{{request.pathSegments.[2]}}@customers.tollgate.test", "metadata": {}}""")));
        server.stubFor(get(urlPathMatching("/v1/subscriptions/[^/]+")).atPriority(10).willReturn(aResponse()
                .withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"type": "invalid_request_error", "code": "resource_missing",
                         "message": "No such subscription: '{{request.pathSegments.[2]}}'"}}""")));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
