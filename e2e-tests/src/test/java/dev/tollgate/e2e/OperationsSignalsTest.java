package dev.tollgate.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.StripeWebhooks;
import dev.tollgate.platform.test.TestKafka;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator relies on, against the whole platform (issue 12): every process keeps its actuator
 * on a management port of its own, never on its API port; every metric the alert rules and the
 * dashboards query is exported by some process; and one Stripe webhook is followed by its trace id
 * through every topic its consequences travel on.
 */
@ExtendWith(NeedsDockerForContainers.class)
@SharedPlatform
class OperationsSignalsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ACCOUNT = "acct_ops_trace";
    private static final String CUSTOMER = "cus_ops_trace";
    /** A second account that pays, so the revenue gauges (MRR, ARR by currency) have a series. */
    private static final String PAYING = "acct_ops_paying";

    private static RunningPlatform running;
    /** The Stripe event id of the traced webhook; its raw record on tollgate.stripe.webhooks carries the trace. */
    private static String tracedEvent;

    @BeforeAll
    static void usePlatformAndMakeALittleTraffic() throws Exception {
        running = RunningPlatform.shared();
        for (String customer : List.of(CUSTOMER, "cus_ops_paying")) {
            running.stripeApi().stubFor(get(urlPathEqualTo("/v1/customers/" + customer)).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(StripeWebhooks.fixture("customer").put("id", customer)
                            .put("email", customer + "@example.com")))));
        }
        // A trial through every service: webhook -> billing -> subscription -> entitlement -> community, ticket, notification.
        tracedEvent = "evt_ops_trace_created";
        assertThat(deliver(subscriptionCreated(tracedEvent, ACCOUNT, CUSTOMER, "trialing"), TollgatePlatform.WEBHOOK_SECRET)
                .statusCode()).isEqualTo(200);
        assertThat(deliver(subscriptionCreated("evt_ops_paying_created", PAYING, "cus_ops_paying", "active"),
                TollgatePlatform.WEBHOOK_SECRET).statusCode()).isEqualTo(200);
        // A refused delivery (bad signature) and a record no consumer can read (dead-lettered at once).
        assertThat(deliver(subscriptionCreated("evt_ops_forged", ACCOUNT, CUSTOMER, "trialing"), "whsec_not_the_secret")
                .statusCode()).isEqualTo(400);
        TestKafka.send(bootstrapServers(), Topics.COMMUNITY, null, ACCOUNT, "not a CloudEvent", Map.of());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api(ACCOUNT, "owner", "/api/entitlements/me")).contains("\"community_access\""));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api(PAYING, "owner", "/api/subscriptions/me")).contains("\"active\""));
        // The business gauges are refreshed every minute and on each read of the admin metrics.
        assertThat(api("acct_ops_admin", "platform_admin", "/api/subscriptions/admin/metrics")).containsIgnoringCase("\"usd\"");
        // Each service answers once through the gateway, so each has its HTTP server series.
        for (String path : List.of("/api/subscriptions/me", "/api/community/access/me", "/api/tickets/allowance/me",
                "/api/notifications/me", "/api/billing/customer", "/api/catalog")) {
            api(ACCOUNT, "owner", path);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(scrapeAll()).anyMatch(scrape -> scrape.contains("tollgate_events_dead_lettered_total{"))
                        .anyMatch(scrape -> scrape.contains("tollgate_subscription_mrr_minor{")));
    }

    static Stream<String> processes() {
        return Stream.of("billing", "subscription", "entitlement", "community", "ticket", "notification", "gateway");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("processes")
    void actuatorIsNotReachableOnTheApiPortAndAnswersOnTheManagementPort(String process) throws Exception {
        String api = "http://127.0.0.1:" + running.platform().apiPorts().get(process);
        String management = "http://127.0.0.1:" + running.platform().managementPorts().get(process);

        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/metrics", "/actuator")) {
            HttpResponse<String> onApiPort = send(api + path);
            // A service has no handler there (404); the gateway denies by default first (401 without a token).
            assertThat(onApiPort.statusCode()).as(process + " " + path).isIn(process.equals("gateway") ? Set.of(401, 404) : Set.of(404));
            assertThat(onApiPort.body()).doesNotContain("jvm_memory", "\"components\"");
        }
        assertThat(send(management + "/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
        assertThat(send(management + "/actuator/health").body()).contains("\"UP\"");
        HttpResponse<String> readiness = send(api + "/readyz");
        assertThat(readiness.statusCode()).as("readiness on the API port").isEqualTo(200);
    }

    @Test
    void everyMetricTheAlertRulesUseIsExportedBySomeProcess() throws Exception {
        Set<String> used = MetricNames.inAlertRules();
        // `up` is made by Prometheus itself from each scrape (the ServiceDown rule), never exported by a process.
        used.remove("up");
        assertThat(used).contains("tollgate_outbox_oldest_pending_age_seconds", "http_server_requests_seconds_bucket",
                "tollgate_events_dead_lettered_total", "tollgate_mail_waiting");
        assertThat(missing(used)).as("metrics the alert rules use that no process exports").isEmpty();
    }

    @Test
    void everyMetricTheDashboardsQueryIsExportedBySomeProcess() throws Exception {
        Set<String> queried = MetricNames.inDashboards();
        assertThat(queried).contains("tollgate_subscription_mrr_minor", "tollgate_subscription_trials_in_progress",
                "tollgate_subscription_trial_conversion_ratio", "tollgate_subscription_monthly_churn_ratio",
                "tollgate_tickets_sla_breach_ratio", "tollgate_outbox_pending");
        assertThat(missing(queried)).as("metrics the dashboards query that no process exports").isEmpty();
    }

    @Test
    void oneStripeWebhookIsFollowedByItsTraceIdOnEveryRecordItCausesAcrossTheTopics() {
        String bootstrap = bootstrapServers();
        ConsumerRecord<String, String> webhook = TestKafka.read(bootstrap, Topics.STRIPE_WEBHOOKS,
                record -> tracedEvent.equals(TestKafka.header(record, CloudEventHeaders.ID)), 1, Duration.ofSeconds(30)).getFirst();
        String traceId = traceIdOf(webhook);
        assertThat(traceId).as("the gateway's record carries a W3C traceparent").matches("[0-9a-f]{32}");

        Map<String, List<String>> traceIdsByTopic = new TreeMap<>();
        for (String topic : List.of(Topics.BILLING, Topics.SUBSCRIPTION, Topics.ENTITLEMENT)) {
            List<ConsumerRecord<String, String>> caused = TestKafka.read(bootstrap, topic,
                    record -> ACCOUNT.equals(TestKafka.header(record, CloudEventHeaders.SUBJECT)), 1, Duration.ofSeconds(30));
            assertThat(caused).as("an event of " + ACCOUNT + " on " + topic).isNotEmpty();
            traceIdsByTopic.put(topic, caused.stream().map(OperationsSignalsTest::traceIdOf).toList());
        }
        assertThat(traceIdsByTopic).allSatisfy((topic, ids) -> assertThat(ids).as(topic).containsOnly(traceId));
    }

    private static String traceIdOf(ConsumerRecord<String, String> record) {
        String traceparent = TestKafka.header(record, "traceparent");
        assertThat(traceparent).as("traceparent of a record on " + record.topic()).isNotNull();
        return traceparent.split("-")[1];
    }

    private static Set<String> missing(Set<String> used) throws Exception {
        Set<String> exported = new TreeSet<>();
        scrapeAll().forEach(scrape -> exported.addAll(MetricNames.exported(scrape)));
        Set<String> missing = new TreeSet<>(used);
        missing.removeIf(name -> exported.contains(name) || Stream.of("_bucket", "_count", "_sum")
                .anyMatch(suffix -> name.endsWith(suffix) && exported.stream().anyMatch(e -> e.startsWith(name.substring(0,
                        name.length() - suffix.length())) && e.endsWith(suffix))));
        return missing;
    }

    private static List<String> scrapeAll() throws Exception {
        List<String> scrapes = new java.util.ArrayList<>();
        for (int port : running.platform().managementPorts().values()) {
            HttpResponse<String> scrape = send("http://127.0.0.1:" + port + "/actuator/prometheus");
            assertThat(scrape.statusCode()).isEqualTo(200);
            scrapes.add(scrape.body());
        }
        return scrapes;
    }

    private static String bootstrapServers() {
        return String.valueOf(running.infrastructure().properties("gateway").get("spring.kafka.bootstrap-servers"));
    }

    private static String subscriptionCreated(String eventId, String account, String customer, String status) {
        long now = Instant.now().getEpochSecond();
        return StripeSubscription.of("sub_" + account, customer, status, now).forAccount(account).trialUntil(now + 14 * 86_400)
                .periodEnd(now + 14 * 86_400).event(eventId, "customer.subscription.created", now);
    }

    private static HttpResponse<String> deliver(String payload, String secret) {
        return running.gateway().webhook(payload, secret);
    }

    private static String api(String account, String role, String path) {
        return running.gateway().call(Gateway.caller("user_" + account, account, account + "@example.com", role), "GET", path, null)
                .body();
    }

    private static HttpResponse<String> send(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
