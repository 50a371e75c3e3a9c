package dev.tollgate.subscription.admin;

import static dev.tollgate.subscription.SubscriptionApi.admin;
import static dev.tollgate.subscription.SubscriptionApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.subscription.BillingReports;
import dev.tollgate.subscription.SubscriptionApi;
import dev.tollgate.subscription.SubscriptionApplication;
import tools.jackson.databind.JsonNode;

/**
 * The metrics API and the Prometheus gauges against a fixture computed by hand, on a database of
 * its own (the extra property gives this class its own context):
 *
 * <pre>
 * account  plan       status    interval  price        trial?
 * m1       community  active    month     USD 20.00    had one, converted
 * m2       pro        active    month     USD 99.00
 * a1       community  active    year      USD 200.00
 * a2       community  past_due  year      USD 200.00   (still paying: counts)
 * c1       community  active    month     CLP 18000
 * c2       community  active    year      CLP 180000
 * t1       community  trialing  month     USD 20.00    in progress
 * x1       community  canceled  month     USD 20.00    ended unconverted, canceled today
 * u1       community  unpaid    month     USD 20.00    (Stripe gave up: not paying)
 * g1       community  active    month     USD 20.00    + a Build Sprint: speaks as pro/active, pays community
 *
 * USD ARR = 2000*12 + 9900*12 + 20000 + 20000 + 2000*12 = 206800 cents; MRR = 206800 / 12 = 17233.33 cents
 * CLP ARR = 18000*12 + 180000 = 396000;                                      MRR = 33000.00
 * trials: 1 in progress; over = m1, x1 (2), converted = m1 (1): conversion 0.5000
 * churn: 1 ended in the last 30 days (x1) / (1 + 7 paying) = 0.1250
 *
 * payments (days ago)          in the last 30 days: succeeded  failed   collected
 * in_m1 paid USD 20.00 (5; delivered twice)                     1
 * in_m2 failed (6), paid USD 99.00 (4)                          1         1
 * in_a2 failed (3), failed again (1)                                      2
 * in_c1 paid CLP 18000 (2), in_c2 paid CLP 180000 (2)           2
 * in_old paid USD 20.00 (45: outside)
 * success rate = 4 / (4 + 3) = 0.5714; collected USD 11900 (2), CLP 198000 (2)
 * </pre>
 */
@SpringBootTest(classes = SubscriptionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + SubscriptionApplication.CONFIG_NAME, "tollgate.subscription.schedule-enabled=false",
                "tollgate.subscription.trial-days=14" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class BusinessMetricsTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;
    @Autowired
    DataSource database;

    @Test
    void theMetricsApiAndTheGaugesAgreeWithTheHandComputedFixture() throws Exception {
        SubscriptionApi.publishCatalog();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> org.springframework.jdbc.core.simple.JdbcClient
                .create(database).sql("SELECT count(*) FROM catalog_grant_product").query(Long.class).single() > 0);
        Instant t0 = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        Instant periodEnd = t0.plus(Duration.ofDays(40));
        List<String> sent = new ArrayList<>();
        sent.add(BillingReports.send("m1", "sub_m1", "community", "trialing", t0, t0, t0.plus(Duration.ofDays(14)),
                t0.plus(Duration.ofDays(14)), "month", 2000, "usd"));
        sent.add(BillingReports.send("m1", "sub_m1", "community", "active", t0.plus(Duration.ofDays(14)), t0,
                t0.plus(Duration.ofDays(14)), periodEnd, "month", 2000, "usd"));
        sent.add(BillingReports.send("m2", "sub_m2", "pro", "active", t0, null, null, periodEnd, "month", 9900, "usd"));
        sent.add(BillingReports.send("a1", "sub_a1", "community", "active", t0, null, null, periodEnd, "year", 20000, "usd"));
        sent.add(BillingReports.send("a2", "sub_a2", "community", "active", t0, null, null, periodEnd, "year", 20000, "usd"));
        sent.add(BillingReports.send("a2", "sub_a2", "community", "past_due", t0.plusSeconds(60), null, null, periodEnd, "year",
                20000, "usd"));
        sent.add(BillingReports.send("c1", "sub_c1", "community", "active", t0, null, null, periodEnd, "month", 18000, "clp"));
        sent.add(BillingReports.send("c2", "sub_c2", "community", "active", t0, null, null, periodEnd, "year", 180000, "clp"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        sent.add(BillingReports.send("t1", "sub_t1", "community", "trialing", now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)),
                now.plus(Duration.ofDays(12)), now.plus(Duration.ofDays(12)), "month", 2000, "usd"));
        sent.add(BillingReports.send("x1", "sub_x1", "community", "trialing", t0, t0, t0.plus(Duration.ofDays(14)),
                t0.plus(Duration.ofDays(14)), "month", 2000, "usd"));
        sent.add(BillingReports.send("x1", "sub_x1", "community", "canceled", now.minusSeconds(60), t0, t0.plus(Duration.ofDays(14)),
                t0.plus(Duration.ofDays(14)), "month", 2000, "usd"));
        sent.add(BillingReports.send("u1", "sub_u1", "community", "unpaid", t0, null, null, periodEnd, "month", 2000, "usd"));
        sent.add(BillingReports.send("g1", "sub_g1", "community", "active", t0, null, null, periodEnd, "month", 2000, "usd"));
        sent.add(BillingReports.purchase("g1", "cs_g1", "build_sprint", "price_build_sprint_full", 1_250_000, t0.plusSeconds(60)));
        Instant today = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        sent.add(BillingReports.paymentSucceeded("m1", "in_m1", 2000, "usd", today.minus(Duration.ofDays(5))));
        sent.add(BillingReports.paymentSucceeded("m1", "in_m1", 2000, "usd", today.minus(Duration.ofDays(5))));
        sent.add(BillingReports.paymentFailed("m2", "in_m2", 1, 9900, "usd", today.minus(Duration.ofDays(6))));
        sent.add(BillingReports.paymentSucceeded("m2", "in_m2", 9900, "usd", today.minus(Duration.ofDays(4))));
        sent.add(BillingReports.paymentFailed("a2", "in_a2", 1, 20000, "usd", today.minus(Duration.ofDays(3))));
        sent.add(BillingReports.paymentFailed("a2", "in_a2", 2, 20000, "usd", today.minus(Duration.ofDays(1))));
        sent.add(BillingReports.paymentSucceeded("c1", "in_c1", 18000, "clp", today.minus(Duration.ofDays(2))));
        sent.add(BillingReports.paymentSucceeded("c2", "in_c2", 180000, "clp", today.minus(Duration.ofDays(2))));
        sent.add(BillingReports.paymentSucceeded("m1", "in_old", 2000, "usd", today.minus(Duration.ofDays(45))));
        Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, "u1");

        JsonNode metrics = json(new SubscriptionApi(port, Clock.systemUTC()).get(admin("ops_mia"), "/api/subscriptions/admin/metrics"));

        JsonNode revenue = metrics.path("revenue");
        assertThat(revenue).hasSize(2);
        assertThat(revenue.get(0).path("currency").asString()).isEqualTo("clp");
        assertThat(revenue.get(0).path("arrMinor").asLong()).isEqualTo(396000);
        assertThat(revenue.get(0).path("mrrMinor").decimalValue()).isEqualByComparingTo("33000.00");
        assertThat(revenue.get(0).path("payingAccounts").asInt()).isEqualTo(2);
        assertThat(revenue.get(1).path("currency").asString()).isEqualTo("usd");
        assertThat(revenue.get(1).path("arrMinor").asLong()).isEqualTo(206800);
        assertThat(revenue.get(1).path("mrrMinor").decimalValue()).isEqualByComparingTo("17233.33");
        assertThat(revenue.get(1).path("payingAccounts").asInt()).isEqualTo(5);
        List<String> byPlanAndStatus = new ArrayList<>();
        metrics.path("accounts").forEach(row -> byPlanAndStatus.add(row.path("planId").asString() + "/"
                + row.path("status").asString() + "=" + row.path("accounts").asInt()));
        assertThat(byPlanAndStatus).containsExactly("community/active=4", "community/canceled=1", "community/past_due=1",
                "community/trialing=1", "community/unpaid=1", "pro/active=2");
        assertThat(metrics.path("trialsInProgress").asInt()).isEqualTo(1);
        assertThat(metrics.path("trialsOver").asInt()).isEqualTo(2);
        assertThat(metrics.path("trialsConverted").asInt()).isEqualTo(1);
        assertThat(metrics.path("trialConversion").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(metrics.path("churnedLast30Days").asInt()).isEqualTo(1);
        assertThat(metrics.path("monthlyChurn").decimalValue()).isEqualByComparingTo("0.125");
        assertThat(metrics.path("paymentsSucceededLast30Days").asInt()).isEqualTo(4);
        assertThat(metrics.path("paymentsFailedLast30Days").asInt()).isEqualTo(3);
        assertThat(metrics.path("paymentSuccessRate").decimalValue()).isEqualByComparingTo("0.5714");
        List<String> collected = new ArrayList<>();
        metrics.path("collectedLast30Days").forEach(row -> collected.add(row.path("currency").asString() + "="
                + row.path("amountMinor").asLong() + "/" + row.path("payments").asInt()));
        assertThat(collected).containsExactly("clp=198000/2", "usd=11900/2");

        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(gauge(scrape, "tollgate_subscription_mrr_minor", "currency=\"usd\"")).isEqualTo(17233.33);
        assertThat(gauge(scrape, "tollgate_subscription_mrr_minor", "currency=\"clp\"")).isEqualTo(33000.0);
        assertThat(gauge(scrape, "tollgate_subscription_arr_minor", "currency=\"usd\"")).isEqualTo(206800.0);
        assertThat(gauge(scrape, "tollgate_subscription_accounts", "plan=\"community\"", "status=\"active\"")).isEqualTo(4.0);
        assertThat(gauge(scrape, "tollgate_subscription_accounts", "plan=\"pro\"", "status=\"active\"")).isEqualTo(2.0);
        assertThat(gauge(scrape, "tollgate_subscription_trials_in_progress")).isEqualTo(1.0);
        assertThat(gauge(scrape, "tollgate_subscription_trial_conversion_ratio")).isEqualTo(0.5);
        assertThat(gauge(scrape, "tollgate_subscription_monthly_churn_ratio")).isEqualTo(0.125);
        assertThat(gauge(scrape, "tollgate_subscription_payment_success_ratio")).isEqualTo(0.5714);
        assertThat(gauge(scrape, "tollgate_subscription_payment_attempts", "outcome=\"succeeded\"")).isEqualTo(4.0);
        assertThat(gauge(scrape, "tollgate_subscription_payment_attempts", "outcome=\"failed\"")).isEqualTo(3.0);
        assertThat(gauge(scrape, "tollgate_subscription_payments_collected_minor", "currency=\"usd\"")).isEqualTo(11900.0);
        assertThat(gauge(scrape, "tollgate_subscription_payments_collected_minor", "currency=\"clp\"")).isEqualTo(198000.0);
    }

    private static double gauge(String scrape, String name, String... labels) {
        return scrape.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " " + List.of(labels) + " not in the scrape"));
    }
}
