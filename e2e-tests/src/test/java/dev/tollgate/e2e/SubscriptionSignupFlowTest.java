package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signup through the gateway: a card-less trial of the catalog's default plan grants its features
 * (community access) at once; a second signup is refused; an operator with {@code platform_admin}
 * suspends the account (access goes) and reactivates it (access returns), and both actions are in the
 * audit log; a customer cannot administer.
 */
@ExtendWith(NeedsDockerForContainers.class)
@SharedPlatform
class SubscriptionSignupFlowTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCOUNT = "acct_sig";

    private static RunningPlatform running;

    @BeforeAll
    static void usePlatform() {
        running = RunningPlatform.shared();
    }

    @Test
    void aSignupTrialGrantsThePlanAndAnAdminsSuspensionAndReactivationTakeItAwayAndBackAudited() throws Exception {
        Map<String, Object> customer = Gateway.caller("user_sig", ACCOUNT, "sig@example.com", "owner");
        Map<String, Object> operator = Gateway.caller("ops_sig", "acct_ops", "ops@tollgate.test", "platform_admin");
        String signup = "{\"billingCycle\":\"monthly\",\"currency\":\"USD\"}";

        // The catalog reaches subscription-service from billing at start-up; until then signup answers 503.
        HttpResponse<String> started = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> call(customer, "POST", "/api/subscriptions", signup), response -> response.statusCode() != 503);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        assertThat(JSON.readTree(started.body()).path("message").asString())
                .isEqualTo("Trial started! You have 14 days to explore the platform.");
        awaitCommunityAccess(customer, true);
        JsonNode mine = JSON.readTree(call(customer, "GET", "/api/subscriptions/me", null).body());
        assertThat(mine.path("isTrialPeriod").asBoolean()).isTrue();
        assertThat(mine.path("daysLeft").asLong()).isEqualTo(14);

        HttpResponse<String> again = call(customer, "POST", "/api/subscriptions", signup);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(call(customer, "POST", "/api/subscriptions/admin/accounts/" + ACCOUNT + "/suspension",
                "{\"reason\":\"self-service\"}").statusCode()).isEqualTo(403);

        HttpResponse<String> suspended = call(operator, "POST", "/api/subscriptions/admin/accounts/" + ACCOUNT + "/suspension",
                "{\"reason\":\"Chargeback under review\"}");
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        awaitCommunityAccess(customer, false);
        HttpResponse<String> reactivated = call(operator, "POST",
                "/api/subscriptions/admin/accounts/" + ACCOUNT + "/reactivation", "{\"reason\":\"Chargeback won\"}");
        assertThat(reactivated.statusCode()).as(reactivated.body()).isEqualTo(200);
        awaitCommunityAccess(customer, true);

        JsonNode audit = JSON.readTree(call(operator, "GET", "/api/subscriptions/admin/audit?accountId=" + ACCOUNT, null).body());
        assertThat(audit).extracting(entry -> entry.path("action").asString() + ":" + entry.path("reason").asString())
                .containsExactly("account_reactivated:Chargeback won", "account_suspended:Chargeback under review");
    }

    private void awaitCommunityAccess(Map<String, Object> caller, boolean expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                JSON.readTree(call(caller, "GET", "/api/community/access/me", null).body()).path("communityAccess").asBoolean())
                .isEqualTo(expected));
    }

    private HttpResponse<String> call(Map<String, Object> caller, String method, String path, String body) {
        return running.gateway().call(caller, method, path, body);
    }
}
