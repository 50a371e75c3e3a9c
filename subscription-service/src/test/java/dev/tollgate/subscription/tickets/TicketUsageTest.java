package dev.tollgate.subscription.tickets;

import static dev.tollgate.subscription.SubscriptionApi.json;
import static dev.tollgate.subscription.SubscriptionApi.owner;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.Settled;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.subscription.BillingReports;
import dev.tollgate.subscription.SubscriptionApi;
import dev.tollgate.subscription.SubscriptionApplication;
import tools.jackson.databind.JsonNode;

@SpringBootTest(classes = SubscriptionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + SubscriptionApplication.CONFIG_NAME, "tollgate.subscription.schedule-enabled=false" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class TicketUsageTest {

    @LocalServerPort
    int port;
    @Autowired
    DataSource database;

    @Test
    void theWidgetShowsTicketsCreatedThisPeriodAgainstTheLimitOfTheLatestGrant() {
        String account = "acct_usage";
        Instant periodEnd = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        Instant periodStart = periodEnd.atZone(java.time.ZoneOffset.UTC).minusMonths(1).toInstant();
        List<String> sent = new ArrayList<>();
        sent.add(BillingReports.send(account, "sub_usage", "community", "active", periodStart, null, null, periodEnd, "month",
                2000, "usd"));
        sent.add(ticketCreated(account, "LATAM-00001", periodStart.minus(Duration.ofDays(2))));
        sent.add(ticketCreated(account, "LATAM-00002", periodStart.plus(Duration.ofDays(1))));
        sent.add(ticketCreated(account, "LATAM-00003", periodStart.plus(Duration.ofDays(2))));
        sent.add(ticketCreated(account, "LATAM-00003", periodStart.plus(Duration.ofDays(2))));
        sent.add(grant(account, 2, 5));
        sent.add(grant(account, 1, 0));
        Settled.publishedByVersion(database, sent, Topics.SUBSCRIPTION, account);

        JsonNode mine = json(new SubscriptionApi(port, Clock.systemUTC()).get(owner(account, null), "/api/subscriptions/me"));

        assertThat(mine.path("currentPeriodStart").asString()).isEqualTo(periodStart.toString());
        assertThat(mine.path("ticketsUsedThisPeriod").asLong()).as("one before the period; one sent twice").isEqualTo(2);
        assertThat(mine.path("ticketLimit").asLong()).as("the older grant arriving last changes nothing").isEqualTo(5);
    }

    private static String ticketCreated(String account, String number, Instant at) {
        String id = UUID.randomUUID().toString();
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s","ticketNumber":"%s","revision":1,"createdBy":"user_1",
                 "subject":"Help","category":"question","priority":"normal","status":"open","planId":"community",
                 "responseDueAt":"%s","responseTargetHours":24}""".formatted(id, account, at, number, at.plus(Duration.ofHours(24)));
        TestKafka.send(Topics.TICKET, account, body, CloudEventHeaders.of(id, "/tollgate/ticket-service", "ticket.created.v1", at,
                account));
        return id;
    }

    private static String grant(String account, long version, long limit) {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.now();
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s","version":%d,"planId":"community","subscriptionStatus":"active",
                 "features":{"priority_support_tickets":{"limit":%d,"period":"month"},"community_access":{"enabled":true}}}"""
                .formatted(id, account, at, version, limit);
        TestKafka.send(Topics.ENTITLEMENT, account, body, CloudEventHeaders.of(id, "/tollgate/entitlement-service",
                "entitlements.changed.v1", at, account));
        return id;
    }
}
