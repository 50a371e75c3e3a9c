package dev.tollgate.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * Answers the few Stripe API calls Tollgate makes, so a local run needs no Stripe account. A
 * customer {@code cus_x} has the e-mail {@code cus_x@customers.tollgate.test}, where the welcome
 * mail of a curl-sent subscription event lands in the mail catcher.
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
        server.start();
        return server::stop;
    }
}
