package dev.tollgate.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** A WireMock standing in for the services behind the gateway: it answers every request with 200 {}. */
public final class ServiceStandIn {

    private ServiceStandIn() {
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
