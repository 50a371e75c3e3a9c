package dev.tollgate.subscription.admin;

import static dev.tollgate.subscription.SubscriptionApi.admin;
import static dev.tollgate.subscription.SubscriptionApi.json;
import static dev.tollgate.subscription.SubscriptionApi.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.subscription.SubscriptionApi;
import dev.tollgate.subscription.SubscriptionApplication;
import tools.jackson.databind.JsonNode;

@SpringBootTest(classes = SubscriptionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + SubscriptionApplication.CONFIG_NAME, "tollgate.subscription.schedule-enabled=false" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class AdministrationTest {

    static final CallerIdentity OPERATOR = admin("ops_olga");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource database;
    @org.springframework.beans.factory.annotation.Value("${tollgate.subscription.impersonation.signing-key}")
    String signingKey;

    SubscriptionApi api;

    @BeforeEach
    void catalogIsKnown() {
        api = new SubscriptionApi(port, Clock.systemUTC());
        SubscriptionApi.publishCatalog();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM catalog_price").query(Long.class).single() > 0);
    }

    @Test
    void everyAdminEndpointRefusesANonAdminWithAForbiddenProblemAndChangesNothing() {
        String account = "acct_adm_target";
        assertThat(api.signup(owner(account, "target@admin.test"), "monthly", "usd").statusCode()).isEqualTo(201);
        CallerIdentity customer = owner(account, "target@admin.test");
        CallerIdentity agent = new CallerIdentity("agent_1", "acct_support", null, List.of("support_agent"));
        long auditBefore = auditRows();

        for (CallerIdentity notAdmin : List.of(customer, agent)) {
            List<HttpResponse<String>> answers = List.of(api.get(notAdmin, "/api/subscriptions/admin/accounts"),
                    api.get(notAdmin, "/api/subscriptions/admin/accounts/" + account), api.get(notAdmin, "/api/subscriptions/admin/audit"),
                    api.get(notAdmin, "/api/subscriptions/admin/metrics"), api.get(notAdmin, "/api/subscriptions/admin/jobs/runs"),
                    api.post(notAdmin, "/api/subscriptions/admin/accounts/" + account + "/trial-extension", "{\"days\":5,\"reason\":\"x\"}"),
                    api.post(notAdmin, "/api/subscriptions/admin/accounts/" + account + "/suspension", "{\"reason\":\"x\"}"),
                    api.post(notAdmin, "/api/subscriptions/admin/accounts/" + account + "/reactivation", "{\"reason\":\"x\"}"),
                    api.post(notAdmin, "/api/subscriptions/admin/jobs/subscription-lifecycle/runs", "{}"),
                    api.post(notAdmin, "/api/subscriptions/admin/accounts/" + account + "/impersonation", "{\"reason\":\"x\"}"),
                    api.post(notAdmin, "/api/subscriptions/admin/accounts/" + account + "/suspension", "{not json"),
                    api.post(notAdmin, "/api/subscriptions/admin/accounts/" + account + "/trial-extension", ""),
                    api.get(notAdmin, "/api/subscriptions/admin/accounts?page=x"));
            for (HttpResponse<String> answer : answers) {
                assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(403);
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
                assertThat(json(answer).path("detail").asString()).contains("platform_admin");
            }
        }
        assertThat(auditRows()).isEqualTo(auditBefore);
        assertThat(json(api.get(customer, "/api/subscriptions/me")).path("status").asString()).isEqualTo("trialing");
    }

    @Test
    void anAdminGetsAShortLivedReadOnlyImpersonationTokenNamingThemAsActorAndItIsAudited() throws Exception {
        String account = "acct_adm_imp";
        assertThat(api.signup(owner(account, "imp@admin.test"), "monthly", "usd").statusCode()).isEqualTo(201);
        assertThat(api.post(OPERATOR, "/api/subscriptions/admin/accounts/" + account + "/impersonation", "{}").statusCode())
                .as("a reason is required").isEqualTo(400);

        Instant asked = Instant.now();
        HttpResponse<String> answer = api.post(OPERATOR, "/api/subscriptions/admin/accounts/" + account + "/impersonation",
                "{\"reason\":\"ticket 42: customer cannot see their plan\"}");

        assertThat(answer.statusCode()).isEqualTo(201);
        JsonNode grant = json(answer);
        Instant expiresAt = Instant.parse(grant.path("expiresAt").asString());
        assertThat(Duration.between(asked, expiresAt)).isLessThanOrEqualTo(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(grant.path("methods").toString()).isEqualTo("[\"GET\",\"HEAD\"]");
        com.nimbusds.jwt.SignedJWT token = com.nimbusds.jwt.SignedJWT.parse(grant.path("token").asString());
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(com.nimbusds.jose.JWSAlgorithm.EdDSA);
        com.nimbusds.jose.jwk.OctetKeyPair key = com.nimbusds.jose.jwk.OctetKeyPair.parse(signingKey);
        assertThat(token.verify(dev.tollgate.platform.identity.Ed25519Jws.verifier(key.toPublicJWK()))).isTrue();
        assertThat(token.getJWTClaimsSet().getStringClaim("account_id")).isEqualTo(account);
        assertThat(token.getJWTClaimsSet().getJSONObjectClaim("act")).containsEntry("sub", OPERATOR.userId());
        assertThat(token.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("impersonation:read");
        assertThat(token.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(expiresAt);

        JsonNode entry = json(api.get(OPERATOR, "/api/subscriptions/admin/audit?accountId=" + account)).get(0);
        assertThat(entry.path("actor").asString()).isEqualTo(OPERATOR.userId());
        assertThat(entry.path("action").asString()).isEqualTo("impersonation_token_issued");
        assertThat(entry.path("reason").asString()).isEqualTo("ticket 42: customer cannot see their plan");
        assertThat(entry.path("after").path("expiresAt").asString()).isEqualTo(expiresAt.toString());
        assertThat(entry.path("after").path("tokenId").asString()).isEqualTo(token.getJWTClaimsSet().getJWTID());
        assertThat(entry.toString()).as("the token itself is never stored").doesNotContain(grant.path("token").asString());
    }

    @Test
    void anAdminExtendsSuspendsAndReactivatesWithReasonsAndEachActionIsInTheAuditLogWithBeforeAndAfter() {
        String account = "acct_adm_flow";
        CallerIdentity owner = owner(account, "flow@admin.test");
        JsonNode trial = json(api.signup(owner, "monthly", "usd")).path("subscription");
        Instant trialEnd = Instant.parse(trial.path("trialEnd").asString());

        assertThat(api.post(OPERATOR, "/api/subscriptions/admin/accounts/" + account + "/trial-extension", "{\"days\":10}").statusCode())
                .as("no reason").isEqualTo(400);
        assertThat(api.post(OPERATOR, "/api/subscriptions/admin/accounts/" + account + "/trial-extension", "{\"days\":91,\"reason\":\"r\"}")
                .statusCode()).isEqualTo(400);
        assertThat(api.post(OPERATOR, "/api/subscriptions/admin/accounts/" + account + "/trial-extension", "{\"days\":0,\"reason\":\"r\"}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> extended = api.post(OPERATOR, "/api/subscriptions/admin/accounts/" + account + "/trial-extension",
                "{\"days\":10,\"reason\":\"Customer asked at the webinar\"}");
        assertThat(extended.statusCode()).isEqualTo(200);
        assertThat(Instant.parse(json(extended).path("trialEnd").asString())).isEqualTo(trialEnd.plus(Duration.ofDays(10)));
        assertThat(json(api.get(owner, "/api/subscriptions/me")).path("daysLeft").asLong()).isEqualTo(24);

        assertThat(api.post(OPERATOR, "/api/subscriptions/admin/accounts/" + account + "/suspension", "{\"reason\":\" \"}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> suspended = api.post(OPERATOR, "/api/subscriptions/admin/accounts/" + account + "/suspension",
                "{\"reason\":\"Chargeback fraud\"}");
        assertThat(suspended.statusCode()).isEqualTo(200);
        assertThat(json(api.get(owner, "/api/subscriptions/me")).path("freeTier").asBoolean()).isTrue();
        assertThat(api.post(OPERATOR, "/api/subscriptions/admin/accounts/" + account + "/suspension", "{\"reason\":\"again\"}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> reactivated = api.post(OPERATOR, "/api/subscriptions/admin/accounts/" + account + "/reactivation",
                "{\"reason\":\"Bank confirmed the payment\"}");
        assertThat(reactivated.statusCode()).isEqualTo(200);
        assertThat(json(reactivated).path("status").asString()).isEqualTo("trialing");

        List<ConsumerRecord<String, String>> events = Settled.publishedByVersion(database, List.of(), Topics.SUBSCRIPTION, account);
        assertThat(events).extracting(r -> TestKafka.header(r, CloudEventHeaders.TYPE)).containsExactly(
                "subscription.trial_started.v1", "subscription.trial_extended.v1", "subscription.account_suspended.v1",
                "subscription.canceled.v1", "subscription.account_reactivated.v1", "subscription.trial_started.v1");
        JsonNode extension = SubscriptionApi.JSON.readTree(events.get(1).value());
        assertThat(extension.path("reason").asString()).as("billing moves the Stripe trial with it").isEqualTo("Customer asked at the webinar");
        assertThat(Instant.parse(extension.path("trialEnd").asString())).isEqualTo(trialEnd.plus(Duration.ofDays(10)));
        assertThat(SubscriptionApi.JSON.readTree(events.get(2).value()).path("reason").asString()).isEqualTo("Chargeback fraud");
        assertThat(SubscriptionApi.JSON.readTree(events.get(2).value()).path("status").asString()).isEqualTo("suspended");
        events.forEach(r -> assertThat(EventContract.violations(TestKafka.header(r, CloudEventHeaders.TYPE), r.value())).isEmpty());

        JsonNode audit = json(api.get(OPERATOR, "/api/subscriptions/admin/audit?accountId=" + account));
        assertThat(audit).hasSize(3);
        assertThat(audit.get(2).path("action").asString()).isEqualTo("trial_extended");
        assertThat(audit.get(2).path("reason").asString()).contains("Customer asked at the webinar");
        assertThat(audit.get(2).path("before").path("trialEnd").asString()).isEqualTo(trialEnd.toString());
        assertThat(audit.get(1).path("action").asString()).isEqualTo("account_suspended");
        assertThat(audit.get(1).path("before").path("status").asString()).isEqualTo("trialing");
        assertThat(audit.get(1).path("after").path("status").asString()).isEqualTo("suspended");
        assertThat(audit.get(0).path("action").asString()).isEqualTo("account_reactivated");
        for (JsonNode entry : audit) {
            assertThat(entry.path("actor").asString()).isEqualTo("ops_olga");
            assertThat(entry.path("at").asString()).isNotBlank();
        }
        JsonNode detail = json(api.get(OPERATOR, "/api/subscriptions/admin/accounts/" + account));
        assertThat(detail.path("account").path("status").asString()).isEqualTo("trialing");
        assertThat(detail.path("audit")).hasSize(3);

        assertThatThrownBy(() -> jdbc.sql("UPDATE admin_audit SET reason = 'nothing happened'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM admin_audit").update()).hasMessageContaining("append-only");
    }

    @Test
    void accountsAreListedTwentyToAPageFilteredByStatusAndPlanAndFoundByAddress() {
        for (int i = 0; i < 25; i++) {
            String account = "acct_adm_page_%02d".formatted(i);
            assertThat(api.signup(owner(account, account + "@page.test"), "monthly", "usd").statusCode()).isEqualTo(201);
        }
        JsonNode first = json(api.get(OPERATOR, "/api/subscriptions/admin/accounts?status=trialing&plan=community&q=acct_adm_page_"));
        JsonNode second = json(api.get(OPERATOR, "/api/subscriptions/admin/accounts?status=trialing&plan=community&q=acct_adm_page_&page=1"));
        assertThat(first.path("total").asLong()).isEqualTo(25);
        assertThat(first.path("accounts")).hasSize(20);
        assertThat(second.path("accounts")).hasSize(5);
        assertThat(first.path("accounts").get(0).path("accountId").asString()).isEqualTo("acct_adm_page_00");
        assertThat(second.path("accounts").get(4).path("accountId").asString()).isEqualTo("acct_adm_page_24");

        assertThat(json(api.get(OPERATOR, "/api/subscriptions/admin/accounts?q=ACCT_ADM_PAGE_07@PAGE")).path("accounts")).hasSize(1);
        assertThat(json(api.get(OPERATOR, "/api/subscriptions/admin/accounts?status=active&q=acct_adm_page_")).path("total").asLong()).isZero();
        assertThat(json(api.get(OPERATOR, "/api/subscriptions/admin/accounts?plan=pro&q=acct_adm_page_")).path("total").asLong()).isZero();
        HttpResponse<String> badStatus = api.get(OPERATOR, "/api/subscriptions/admin/accounts?status=sleeping");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(api.get(OPERATOR, "/api/subscriptions/admin/accounts/acct_nobody").statusCode()).isEqualTo(404);
    }

    @Test
    void anAdminRunsTheLifecycleJobByHandAndReadsItsRunsWhichTheAuditLogAlsoShows() {
        HttpResponse<String> run = api.post(OPERATOR, "/api/subscriptions/admin/jobs/subscription-lifecycle/runs", "{\"reason\":\"after the outage\"}");
        assertThat(run.statusCode()).isEqualTo(200);
        long runId = json(run).path("runId").asLong();

        JsonNode runs = json(api.get(OPERATOR, "/api/subscriptions/admin/jobs/runs"));
        JsonNode mine = null;
        for (JsonNode entry : runs) {
            if (entry.path("id").asLong() == runId) {
                mine = entry;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("trigger").asString()).isEqualTo("manual");
        assertThat(mine.path("triggeredBy").asString()).isEqualTo("ops_olga");
        assertThat(mine.path("outcome").asString()).isEqualTo("succeeded");
        assertThat(json(api.get(OPERATOR, "/api/subscriptions/admin/audit"))).anySatisfy(entry -> {
            assertThat(entry.path("action").asString()).isEqualTo("job_run");
            assertThat(entry.path("reason").asString()).isEqualTo("after the outage");
        });
        assertThat(api.post(OPERATOR, "/api/subscriptions/admin/jobs/nope/runs", "{}").statusCode()).isEqualTo(404);
    }

    private long auditRows() {
        return jdbc.sql("SELECT count(*) FROM admin_audit").query(Long.class).single();
    }

}
