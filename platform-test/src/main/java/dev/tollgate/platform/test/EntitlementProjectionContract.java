package dev.tollgate.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;

/**
 * What every service's projection of {@code entitlements.changed.v1} must do: keep the grant of
 * the highest {@code version} (entitlement-service's per-account sequence) whatever order grants
 * arrive in, never let a later arrival win over a higher version (also when both carry the same
 * time, as Stripe's one-second clock often makes them), and show each account only its own. A
 * service's test extends this and says where its projection is served and how granted and
 * revoked look there.
 */
public abstract class EntitlementProjectionContract {

    /** What Community Edition grants, as entitlement-service publishes it. */
    public static final String COMMUNITY_FEATURES = """
            {"priority_support_tickets":{"limit":5,"period":"month"},"storage_gb":{"limit":10},"community_access":{"enabled":true}}""";

    /** The service's name, the audience its identity tokens must carry. */
    @Value("${spring.application.name}")
    String serviceName;

    /** All grants of the ordering check go to one partition, where Kafka keeps the order they were sent in. */
    private static final int ONE_PARTITION = 0;

    protected abstract int port();

    /** The API path of the caller's projection, e.g. {@code /api/tickets/allowance/me}. */
    protected abstract String path();

    /** A fragment of the response when Community Edition is granted, e.g. {@code "monthlyLimit":5}. */
    protected abstract String granted();

    /** A fragment of the response when nothing is granted. */
    protected abstract String revoked();

    @Test
    void theHighestVersionWinsWhateverOrderGrantsArriveInAndATieInTimeNeverGoesToTheLaterArrival() {
        String account = "acct_order_" + UUID.randomUUID();
        String marker = "acct_marker_" + UUID.randomUUID();
        Instant sameSecond = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        sendGrant(ONE_PARTITION, account, 2, sameSecond, "{}");
        sendGrant(ONE_PARTITION, account, 1, sameSecond, COMMUNITY_FEATURES);
        sendGrant(ONE_PARTITION, marker, 1, sameSecond, COMMUNITY_FEATURES);

        // The marker was sent after the stale grant on the same partition: once it shows, the stale grant was handled.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mine(marker)).contains(granted()));
        assertThat(mine(account)).as("version 1 arrived after version 2 and must not replace it").contains(revoked());

        sendGrant(ONE_PARTITION, account, 3, sameSecond.minusSeconds(30), COMMUNITY_FEATURES);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mine(account))
                .as("a higher version wins even with an earlier time: versions order grants, clocks do not").contains(granted()));
    }

    @Test
    void anAccountSeesOnlyItsOwnProjectionAndAnUnsignedOrMisaddressedCallerNothing() {
        String account = "acct_tenant_" + UUID.randomUUID();
        sendGrant(null, account, 1, Instant.now(), COMMUNITY_FEATURES);
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

    /**
     * Publishes an {@code entitlements.changed.v1} as entitlement-service would, to {@code partition}
     * (null: the one Kafka chooses by key).
     */
    public static void sendGrant(Integer partition, String account, long version, Instant at, String features) {
        String id = UUID.randomUUID().toString();
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s","version":%d,"planId":"community","subscriptionStatus":"active",\
                "features":%s}"""
                .formatted(id, account, at, version, features);
        TestKafka.send(TestKafka.bootstrapServers(), Topics.ENTITLEMENT, partition, account, body,
                CloudEventHeaders.of(id, "/tollgate/entitlement-service", "entitlements.changed.v1", at, account));
    }
}
