package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Support's read-only impersonation through the real gateway and subscription-service: an operator
 * with {@code platform_admin} gets a short-lived token for a customer's account (audited), which reads
 * the account's subscription through the gateway but cannot write or administer; a customer cannot get one.
 */
@ExtendWith(NeedsDockerForContainers.class)
@SharedPlatform
class SupportImpersonationFlowTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCOUNT = "acct_imp";

    private static RunningPlatform running;

    @BeforeAll
    static void usePlatform() {
        running = RunningPlatform.shared();
    }

    @Test
    void anOperatorsImpersonationTokenReadsTheAccountThroughTheGatewayAndCannotWrite() throws Exception {
        Map<String, Object> customer = Gateway.caller("user_imp", ACCOUNT, "imp@example.com", "owner");
        Map<String, Object> operator = Gateway.caller("ops_imp", "acct_ops", "ops@tollgate.test", "platform_admin");
        String signup = "{\"billingCycle\":\"monthly\",\"currency\":\"USD\"}";
        HttpResponse<String> started = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> call(devToken(customer), "POST", "/api/subscriptions", signup), r -> r.statusCode() != 503);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String why = "{\"reason\":\"ticket 7: the customer sees no trial banner\"}";
        assertThat(call(devToken(customer), "POST", "/api/subscriptions/admin/accounts/" + ACCOUNT + "/impersonation", why)
                .statusCode()).isEqualTo(403);

        HttpResponse<String> issued = call(devToken(operator), "POST", "/api/subscriptions/admin/accounts/" + ACCOUNT
                + "/impersonation", why);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode grant = JSON.readTree(issued.body());
        assertThat(Instant.parse(grant.path("expiresAt").asString())).isBefore(Instant.now().plus(Duration.ofMinutes(16)));
        String token = grant.path("token").asString();

        HttpResponse<String> mine = call(token, "GET", "/api/subscriptions/me", null);
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        assertThat(JSON.readTree(mine.body()).path("accountId").asString()).isEqualTo(ACCOUNT);
        assertThat(JSON.readTree(mine.body()).path("status").asString()).isEqualTo("trialing");

        HttpResponse<String> write = call(token, "POST", "/api/subscriptions", signup);
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.body()).contains("impersonation is read-only");
        assertThat(call(token, "GET", "/api/subscriptions/admin/metrics", null).statusCode())
                .as("the token carries no admin role").isEqualTo(403);

        JsonNode audit = JSON.readTree(call(devToken(operator), "GET", "/api/subscriptions/admin/audit?accountId=" + ACCOUNT, null)
                .body());
        assertThat(audit.get(0).path("action").asString()).isEqualTo("impersonation_token_issued");
        assertThat(audit.get(0).path("actor").asString()).isEqualTo("ops_imp");
        assertThat(audit.get(0).path("after").path("expiresAt").asString()).isEqualTo(grant.path("expiresAt").asString());
    }

    private String devToken(Map<String, Object> caller) {
        return running.gateway().token(caller);
    }

    private HttpResponse<String> call(String jwt, String method, String path, String body) {
        return running.gateway().call(jwt, method, path, body);
    }
}
