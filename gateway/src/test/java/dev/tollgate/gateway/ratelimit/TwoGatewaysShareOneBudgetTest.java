package dev.tollgate.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.tollgate.gateway.GatewayApplication;
import dev.tollgate.gateway.ServiceStandIn;
import dev.tollgate.gateway.identity.DevTokenIssuer;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.platform.test.TestPostgres;

/**
 * Two gateway replicas (two application contexts, each with its own web server and its own projection of
 * the plans) on one database: an account's budget is spent once, whichever replica a call reaches, and a
 * replica started later (as after a restart) finds what was already used.
 */
class TwoGatewaysShareOneBudgetTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final WireMockServer SERVICES = ServiceStandIn.started();
    static final String DATABASE = TestPostgres.newDatabase("gateway_shared");
    static final List<ConfigurableApplicationContext> REPLICAS = new ArrayList<>();

    @BeforeAll
    static void twoReplicas() {
        REPLICAS.add(replica());
        REPLICAS.add(replica());
    }

    @AfterAll
    static void stop() {
        REPLICAS.reversed().forEach(ConfigurableApplicationContext::close);
        SERVICES.stop();
    }

    @Test
    void twoReplicasSpendOneBudgetPerAccountAndARestartForgetsNothing() throws Exception {
        String account = "acct_shared_" + UUID.randomUUID().toString().substring(0, 8);
        grant(account, 4);
        for (ConfigurableApplicationContext replica : REPLICAS) {
            PlanLimits plans = replica.getBean(PlanLimits.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> plans.of(account).perMinute() == 4);
        }
        assertThat(get(REPLICAS.get(0), account).statusCode()).isEqualTo(200);
        HttpResponse<String> second = get(REPLICAS.get(1), account);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"minute\";r=2;t=");
        assertThat(get(REPLICAS.get(0), account).statusCode()).isEqualTo(200);
        assertThat(get(REPLICAS.get(1), account).statusCode()).isEqualTo(200);

        HttpResponse<String> fifthOnOne = get(REPLICAS.get(0), account);
        HttpResponse<String> fifthOnTheOther = get(REPLICAS.get(1), account);
        assertThat(fifthOnOne.statusCode()).isEqualTo(429);
        assertThat(fifthOnTheOther.statusCode()).isEqualTo(429);
        assertThat(fifthOnTheOther.headers().firstValue("Retry-After")).isPresent();

        // A third replica, as one restarted, knows the plan once it has read the topic, and the budget is still spent.
        ConfigurableApplicationContext restarted = replica();
        REPLICAS.add(restarted);
        PlanLimits plans = restarted.getBean(PlanLimits.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> plans.of(account).perMinute() == 4);
        assertThat(get(restarted, account).statusCode()).isEqualTo(429);
    }

    private static ConfigurableApplicationContext replica() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.config.name", GatewayApplication.CONFIG_NAME);
        properties.put("server.port", 0);
        properties.put("management.server.port", 0);
        properties.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
        properties.put("spring.datasource.url", DATABASE);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("tollgate.stripe.webhook.secret", "whsec_two_replicas_test");
        properties.put("tollgate.gateway.jwt.dev-issuer-enabled", true);
        properties.put("spring.profiles.active", "local");
        for (String service : List.of("BILLING", "SUBSCRIPTION", "ENTITLEMENT", "COMMUNITY", "TICKET", "NOTIFICATION")) {
            properties.put("TOLLGATE_" + service + "_URL", SERVICES.baseUrl());
        }
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(GatewayApplication.class).run(args);
    }

    private static void grant(String accountId, long perMinute) {
        String event = """
                {"eventId":"%s","accountId":"%s","occurredAt":"2026-12-06T12:00:00Z","version":1,"planId":"starter",
                 "subscriptionStatus":"active","features":{"rate_limit_per_minute":{"limit":%d,"period":"minute"},
                 "rate_limit_per_day":{"limit":1000,"period":"day"}}}"""
                .formatted(UUID.randomUUID(), accountId, perMinute);
        TestKafka.send("tollgate.entitlement.events", accountId, event, Map.of("ce_type", "entitlements.changed.v1",
                "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_source", "entitlement-service",
                "content-type", "application/json"));
    }

    /** Each replica's development issuer has a key of its own, so each call carries a token of the replica it reaches. */
    private static HttpResponse<String> get(ConfigurableApplicationContext replica, String account) throws Exception {
        String token = replica.getBean(DevTokenIssuer.class)
                .mint("user_shared", account, null, List.of("owner"), Duration.ofMinutes(5)).token();
        int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/entitlements/me"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
