package dev.tollgate.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * Answers the few Stripe API calls Tollgate makes, so a local run needs no Stripe account. A
 * customer {@code cus_x} has the e-mail {@code cus_x@customers.tollgate.test}, where the welcome
 * mail of a curl-sent subscription event lands in the mail catcher. It keeps no subscriptions:
 * {@code GET /v1/subscriptions/{id}} answers Stripe's 404, so when two events of one subscription
 * share a second, billing settles the tie by its documented status rank instead of a re-read.
 */
final class StripeStandIn {

    private StripeStandIn() {
    }

    static AutoCloseable start(int port) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().port(port).bindAddress("127.0.0.1")
                .globalTemplating(true));
        server.stubFor(get(urlPathMatching("/v1/customers/[^/]+")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id": "{{request.pathSegments.[2]}}", "object": "customer", "livemode": false,
                         "email": "{{request.pathSegments.[2]}}@customers.tollgate.test", "metadata": {}}""")));
        server.stubFor(get(urlPathMatching("/v1/subscriptions/[^/]+")).willReturn(aResponse()
                .withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"type": "invalid_request_error", "code": "resource_missing",
                         "message": "No such subscription: '{{request.pathSegments.[2]}}' (the local stand-in keeps none)"}}""")));
        server.start();
        return server::stop;
    }
}
