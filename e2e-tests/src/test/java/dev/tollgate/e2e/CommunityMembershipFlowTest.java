package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Community groups through the gateway, with community access driven by signed Stripe webhooks:
 * a subscriber joins a group; its subscription ends and the membership is suspended (hidden, not
 * counted); a new subscription brings community access back and the membership with it.
 */
@ExtendWith(NeedsDockerForContainers.class)
@SharedPlatform
class CommunityMembershipFlowTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCOUNT = "acct_flo";
    private static final String CUSTOMER = "cus_flo";
    private static final long T0 = Instant.now().getEpochSecond() - 600;

    private static RunningPlatform running;

    @BeforeAll
    static void usePlatform() {
        running = RunningPlatform.shared();
    }

    @Test
    void losingCommunityAccessThroughStripeSuspendsMembershipsAndRegainingItRestoresThem() throws Exception {
        JsonNode group = api("GET", "/api/community/groups/el-club-de-la-ia");
        String groupId = group.path("id").asString();
        HttpResponse<String> refused = call("POST", "/api/community/groups/" + groupId + "/members");
        assertThat(refused.statusCode()).as("no plan yet").isEqualTo(403);
        assertThat(refused.body()).contains("Community Edition");

        deliver(subscription("sub_flo", "evt_flo_created", "customer.subscription.created", "active", 100));
        awaitCommunityAccess(true);
        HttpResponse<String> joined = call("POST", "/api/community/groups/" + groupId + "/members");
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        int withFlo = api("GET", "/api/community/groups/el-club-de-la-ia").path("memberCount").asInt();
        assertThat(api("GET", "/api/community/groups?q=club%20de%20la%20ia").path("groups").path(0).path("membership")
                .path("role").asString()).isEqualTo("member");

        deliver(subscription("sub_flo", "evt_flo_deleted", "customer.subscription.deleted", "canceled", 200));
        awaitCommunityAccess(false);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode suspended = api("GET", "/api/community/groups/el-club-de-la-ia");
            assertThat(suspended.path("membership").isNull()).as("suspended: hidden").isTrue();
            assertThat(suspended.path("memberCount").asInt()).as("suspended: not counted").isEqualTo(withFlo - 1);
        });

        deliver(subscription("sub_flo_again", "evt_flo_again", "customer.subscription.created", "active", 300));
        awaitCommunityAccess(true);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode restored = api("GET", "/api/community/groups/el-club-de-la-ia");
            assertThat(restored.path("membership").path("role").asString()).isEqualTo("member");
            assertThat(restored.path("memberCount").asInt()).isEqualTo(withFlo);
        });
    }

    private void awaitCommunityAccess(boolean expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                api("GET", "/api/community/access/me").path("communityAccess").asBoolean()).isEqualTo(expected));
    }

    private static String subscription(String id, String eventId, String type, String status, long offset) {
        return StripeSubscription.of(id, CUSTOMER, status, T0 + offset).forAccount(ACCOUNT).event(eventId, type, T0 + offset);
    }

    private void deliver(String payload) {
        running.gateway().deliver(payload);
    }

    private JsonNode api(String method, String path) throws Exception {
        HttpResponse<String> response = call(method, path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> call(String method, String path) {
        return running.gateway().call(Gateway.caller("user_flo", ACCOUNT, "flo@example.com", "owner"), method, path, null);
    }
}
