package dev.tollgate.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** A WireMock standing in for the services behind the gateway: it answers every request with 200 {}. */
public final class ServiceStandIn {

    private ServiceStandIn() {
    }

    /** Points the route of every service at {@code server}. */
    public static void routeEveryServiceTo(WireMockServer server, DynamicPropertyRegistry registry) {
        for (String service : List.of("BILLING", "SUBSCRIPTION", "ENTITLEMENT", "COMMUNITY", "TICKET", "NOTIFICATION")) {
            registry.add("TOLLGATE_" + service + "_URL", server::baseUrl);
        }
    }

    public static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                // HTTP/1.1 only and headers as large as the gateway accepts: the stand-in must not be what fails.
                .http2PlainDisabled(true).jettyHeaderRequestSize(64 * 1024));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{}")));
        return server;
    }
}
