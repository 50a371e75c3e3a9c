package dev.tollgate.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;

/**
 * What every service's projection of {@code entitlements.changed.v1} must do: keep the newest
 * grant whatever order grants arrive in, and show each account only its own. A service's test
 * extends this and says where its projection is served and how granted and revoked look there.
 */
public abstract class EntitlementProjectionContract {

    /** What Community Edition grants, as entitlement-service publishes it. */
    public static final String COMMUNITY_FEATURES = """
            {"priority_support_tickets":{"limit":5,"period":"month"},"storage_gb":{"limit":10},"community_access":{"enabled":true}}""";

    /** The service's name, the audience its identity tokens must carry. */
    @Value("${spring.application.name}")
    String serviceName;

    protected abstract int port();

    /** The API path of the caller's projection, e.g. {@code /api/tickets/allowance/me}. */
    protected abstract String path();

    /** A fragment of the response when Community Edition is granted, e.g. {@code "monthlyLimit":5}. */
    protected abstract String granted();

    /** A fragment of the response when nothing is granted. */
    protected abstract String revoked();

    @Test
    void theNewestGrantWinsWhateverOrderGrantsArriveIn() {
        String account = "acct_order_" + UUID.randomUUID();
        Instant t0 = Instant.now().minusSeconds(60);
        sendGrant(account, t0.plusSeconds(10), "{}");
        sendGrant(account, t0, COMMUNITY_FEATURES);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(mine(account)).contains(revoked()));

        sendGrant(account, t0.plusSeconds(20), COMMUNITY_FEATURES);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mine(account)).contains(granted()));
    }

    @Test
    void anAccountSeesOnlyItsOwnProjectionAndAnUnsignedOrMisaddressedCallerNothing() {
        String account = "acct_tenant_" + UUID.randomUUID();
        sendGrant(account, Instant.now(), COMMUNITY_FEATURES);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mine(account)).contains(granted()));

        assertThat(mine("acct_stranger_" + UUID.randomUUID())).contains(revoked());
        HttpResponse<String> unsigned = SignedCaller.get(port(), path(), Map.of("X-Tollgate-Account-Id", account));
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> replayed = SignedCaller.get(port(), path(),
                new CallerIdentity("user_" + account, account, null, List.of("owner")), "billing-service");
        assertThat(replayed.statusCode()).isEqualTo(401);
    }

    private String mine(String account) {
        HttpResponse<String> response = SignedCaller.get(port(), path(),
                new CallerIdentity("user_" + account, account, null, List.of("owner")), serviceName);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    public static void sendGrant(String account, Instant at, String features) {
        String id = UUID.randomUUID().toString();
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s","planId":"community","subscriptionStatus":"active","features":%s}"""
                .formatted(id, account, at, features);
        TestKafka.send(Topics.ENTITLEMENT, account, body, CloudEventHeaders.of(id, "/tollgate/entitlement-service",
                "entitlements.changed.v1", at, account));
    }
}
