package dev.tollgate.gateway.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** An identity provider that is down is the platform's outage: a 503 for the caller, and it stops being asked. */
class IdentityProviderOutageTest {

    static final String AUDIENCE = "tollgate-api";

    WireMockServer provider;
    DevTokenIssuer issuer = new DevTokenIssuer("https://idp.example", AUDIENCE, "account_id", Clock.systemUTC());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    JwtVerifier verifier;

    @BeforeEach
    void providerThatFails() throws Exception {
        provider = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        provider.start();
        provider.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse().withStatus(500)));
        verifier = new JwtVerifier(GuardedJwkSource.guarding(JWKSourceBuilder
                .create(URI.create(provider.baseUrl() + "/jwks.json").toURL()).retrying(true).build(), meters),
                "https://idp.example", AUDIENCE, "account_id");
    }

    @AfterEach
    void stop() {
        provider.stop();
    }

    @Test
    void unreadableKeysAreAnOutageNotAnInvalidToken() {
        String token = token();

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(JwtVerifier.KeysUnavailableException.class)
                .hasMessageContaining("try again");
    }

    @Test
    void aProviderThatKeepsFailingIsNoLongerAskedUntilTheBreakerProbesAgain() {
        String token = token();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(JwtVerifier.KeysUnavailableException.class);
        }
        int asked = provider.countRequestsMatching(getRequestedFor(urlEqualTo("/jwks.json")).build()).getCount();

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(JwtVerifier.KeysUnavailableException.class);
        }

        assertThat(provider.countRequestsMatching(getRequestedFor(urlEqualTo("/jwks.json")).build()).getCount())
                .isEqualTo(asked);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", "jwks").tag("state", "open").gauge().value())
                .isEqualTo(1.0);
    }

    @Test
    void keysThatCanBeReadVerifyTheToken() {
        provider.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(issuer.publicKeys().toString())));

        assertThat(verifier.verify(token()).accountId()).isEqualTo("acct_1");
    }

    private String token() {
        return issuer.mint("user_1", "acct_1", null, List.of(), Duration.ofMinutes(5)).token();
    }
}
