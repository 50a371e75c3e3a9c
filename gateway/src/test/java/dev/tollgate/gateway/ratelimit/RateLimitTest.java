package dev.tollgate.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.micrometer.core.instrument.MeterRegistry;

import dev.tollgate.gateway.GatewayApplication;
import dev.tollgate.gateway.GatewayDatabase;
import dev.tollgate.gateway.ServiceStandIn;
import dev.tollgate.gateway.identity.DevTokenIssuer;
import dev.tollgate.platform.test.TestKafka;

/**
 * Per-plan limits from the entitlements the entitlement-service publishes (sent here on the embedded
 * broker as that service would), counted per account in front of a WireMock standing in for the services.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME,
                "tollgate.stripe.webhook.secret=whsec_rate_limit_test", "tollgate.gateway.jwt.dev-issuer-enabled=true",
                "tollgate.gateway.rate-limit.default-per-minute=1000", "tollgate.gateway.rate-limit.default-per-day=100000" })
class RateLimitTest {

    static final String TOPIC = "tollgate.entitlement.events";
    static final WireMockServer SERVICES = ServiceStandIn.started();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    DevTokenIssuer issuer;
    @Autowired
    PlanLimits plans;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        GatewayDatabase.register(registry);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        ServiceStandIn.routeEveryServiceTo(SERVICES, registry);
    }

    @AfterAll
    static void stop() {
        SERVICES.stop();
    }

    @Test
    void anAccountOverItsPlansPerMinuteLimitGets429WithTheHeadersAndAnotherAccountIsNotAffected() throws Exception {
        grant("acct_small", 1, 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> plans.of("acct_small").perMinute() == 3);
        String small = token("acct_small");
        String other = token("acct_other");
        double refusedBefore = meters.counter("tollgate.gateway.rate.limited", "window", "minute").count();

        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> allowed = get(small);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("RateLimit-Policy")).hasValue("\"minute\";q=3;w=60, \"day\";q=25000;w=86400");
            assertThat(allowed.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"minute\";r=" + (3 - i) + ";t=");
        }
        HttpResponse<String> refused = get(small);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"status\":429").contains("acct_small").contains("rate_limit_per_minute");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"minute\";q=3;w=60");
        assertThat(refused.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"minute\";r=0;t=");
        assertThat(meters.counter("tollgate.gateway.rate.limited", "window", "minute").count()).isGreaterThan(refusedBefore);

        HttpResponse<String> unaffected = get(other);
        assertThat(unaffected.statusCode()).isEqualTo(200);
        assertThat(unaffected.headers().firstValue("RateLimit-Policy")).hasValue("\"minute\";q=1000;w=60, \"day\";q=100000;w=86400");
    }

    @Test
    void aNewerGrantReplacesTheLimitAndAnOlderOneDoesNot() throws Exception {
        grant("acct_upgrading", 1, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> plans.of("acct_upgrading").perMinute() == 1);
        String token = token("acct_upgrading");
        assertThat(get(token).statusCode()).isEqualTo(200);
        assertThat(get(token).statusCode()).isEqualTo(429);

        grant("acct_upgrading", 3, 5);
        grant("acct_upgrading", 2, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> plans.of("acct_upgrading").perMinute() == 5);

        HttpResponse<String> afterUpgrade = get(token);
        assertThat(afterUpgrade.statusCode()).isEqualTo(200);
        assertThat(afterUpgrade.headers().firstValue("RateLimit-Policy").orElseThrow()).startsWith("\"minute\";q=5;w=60");
    }

    @Test
    void stripeWebhooksAreNeverCountedAgainstAnAccount() throws Exception {
        grant("acct_webhooks", 1, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> plans.of("acct_webhooks").perMinute() == 1);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> webhook = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // Refused for its missing signature, never for a rate.
            assertThat(webhook.statusCode()).isEqualTo(400);
            assertThat(webhook.headers().firstValue("RateLimit")).isEmpty();
        }
        assertThat(SERVICES.findAll(postRequestedFor(urlEqualTo("/webhooks/stripe")))).isEmpty();
    }

    private void grant(String accountId, long version, long perMinute) {
        String event = """
                {"eventId":"%s","accountId":"%s","occurredAt":"2026-12-06T12:00:00Z","version":%d,"planId":"starter",
                 "subscriptionStatus":"active","features":{"rate_limit_per_minute":{"limit":%d,"period":"minute"},
                 "rate_limit_per_day":{"value":"25000"},"community_access":{"enabled":true}}}"""
                .formatted(UUID.randomUUID(), accountId, version, perMinute);
        TestKafka.send(TOPIC, accountId, event, Map.of("ce_type", "entitlements.changed.v1", "ce_specversion", "1.0",
                "ce_id", UUID.randomUUID().toString(), "ce_source", "entitlement-service", "content-type", "application/json"));
    }

    private String token(String accountId) {
        return issuer.mint("user_" + accountId, accountId, null, List.of("owner"), Duration.ofMinutes(5)).token();
    }

    private HttpResponse<String> get(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/entitlements/me"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
