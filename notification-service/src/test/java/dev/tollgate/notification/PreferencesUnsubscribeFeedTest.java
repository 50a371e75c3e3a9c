package dev.tollgate.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.notification.mail.MailCategory;
import dev.tollgate.notification.mail.SmtpServer;
import dev.tollgate.notification.mail.UnsubscribeTokens;
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.SignedCaller;
import dev.tollgate.platform.test.TestKafka;

/**
 * Preferences per user, RFC 8058 one-click unsubscribe, the paged feed with read state and the admin
 * preview, through HTTP, Kafka, PostgreSQL and a real SMTP server.
 */
// Closed after the class: every test context joins the same consumer group on the shared broker.
@DirtiesContext
@SpringBootTest(classes = NotificationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + NotificationApplication.CONFIG_NAME,
                "tollgate.notification.unsubscribe.base-url=https://api.latamlab.test"})
@ContextConfiguration(initializers = RealInfrastructure.class)
class PreferencesUnsubscribeFeedTest {

    static final SmtpServer SMTP = new SmtpServer();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UnsubscribeTokens tokens;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Test
    void optingOutOfUsageMailStopsItButBillingMailIsStillSent() {
        CallerIdentity olivia = new CallerIdentity("user_olivia", "acct_optout", "olivia@example.com", List.of("owner"));
        String receipt = publishPayment("billing.payment_succeeded.v1", "acct_optout", "olivia@example.com");
        await().atMost(Duration.ofSeconds(60)).until(() -> "sent".equals(mailStatus(receipt)));

        HttpResponse<String> chosen = send("PUT", "/api/notifications/preferences/me", olivia,
                "{\"language\":\"en\",\"optOuts\":[\"usage\"]}");
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(chosen.body()).contains("\"language\":\"en\"").contains("\"optOuts\":[\"usage\"]");
        assertThat(send("PUT", "/api/notifications/preferences/me", olivia, "{\"optOuts\":[\"billing\"]}").statusCode())
                .as("billing mail cannot be opted out of").isEqualTo(400);

        String usage = publishUsage("acct_optout", "ai_tokens");
        await().atMost(Duration.ofSeconds(60)).until(() -> "opted_out".equals(feedStatus(usage)));
        String failed = publishPayment("billing.payment_failed.v1", "acct_optout", "olivia@example.com");
        await().atMost(Duration.ofSeconds(60)).until(() -> "sent".equals(mailStatus(failed)));

        assertThat(subjects("olivia@example.com")).as("two billing mails, no usage mail; the later one in the user's English")
                .hasSize(2).last().asString().startsWith("Your payment of");
        assertThat(jdbc.sql("SELECT count(*) FROM outgoing_mail WHERE cause_event_id = :id").param("id", usage)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aUsageMailCarriesAOneClickUnsubscribeThatWorksOnceWithoutLoginAndStopsTheNextUsageMail() throws Exception {
        String receipt = publishPayment("billing.payment_succeeded.v1", "acct_unsub", "uma@example.com");
        String usage = publishUsage("acct_unsub", "ai_tokens");
        await().atMost(Duration.ofSeconds(60)).until(() -> "sent".equals(mailStatus(usage)) && "sent".equals(mailStatus(receipt)));
        MimeMessage mail = SMTP.mailsTo("uma@example.com").stream()
                .filter(message -> header(message, "List-Unsubscribe") != null).findFirst().orElseThrow();
        assertThat(header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String link = header(mail, "List-Unsubscribe");
        assertThat(link).startsWith("<https://api.latamlab.test/api/notifications/unsubscribe?token=").endsWith(">");
        assertThat(SMTP.mailsTo("uma@example.com").stream().filter(message -> message != mail)
                .map(message -> header(message, "List-Unsubscribe"))).as("billing mail has no unsubscribe").containsOnlyNulls();

        String path = URI.create(link.substring(1, link.length() - 1)).getRawPath() + "?"
                + URI.create(link.substring(1, link.length() - 1)).getRawQuery();
        HttpResponse<String> first = oneClick(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"category\":\"usage\"");
        HttpResponse<String> second = oneClick(path);
        assertThat(second.statusCode()).isEqualTo(410);
        assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(second.body()).contains("already used");
        assertThat(oneClick(path + "%3D").statusCode()).as("the same token spelled with Base64 padding is not a fresh link")
                .isEqualTo(400);

        String next = publishUsage("acct_unsub", "storage_gb");
        await().atMost(Duration.ofSeconds(60)).until(() -> "opted_out".equals(feedStatus(next)));
    }

    @Test
    void anExpiredOrAlteredUnsubscribeLinkIsRefused() {
        String expired = tokens.issue("acct_exp", "exp@example.com", MailCategory.USAGE, Instant.now().minusSeconds(1));
        HttpResponse<String> late = oneClick("/api/notifications/unsubscribe?token=" + expired);
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(late.body()).contains("expired");

        String valid = tokens.issue("acct_exp", "exp@example.com", MailCategory.USAGE, Instant.now().plusSeconds(600));
        String altered = valid.substring(0, valid.length() - 2) + (valid.endsWith("A") ? "BB" : "AA");
        assertThat(oneClick("/api/notifications/unsubscribe?token=" + altered).statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM mail_opt_out WHERE account_id = 'acct_exp'").query(Long.class).single())
                .isZero();
    }

    @Test
    void theFeedIsPagedInAStableOrderWithReadStateAndAnUnreadCount() {
        CallerIdentity fer = new CallerIdentity("user_fer", "acct_feed", "fer@example.com", List.of("owner"));
        List<String> events = List.of(publishPayment("billing.payment_succeeded.v1", "acct_feed", "fer@example.com"),
                publishPayment("billing.payment_failed.v1", "acct_feed", "fer@example.com"),
                publishPayment("billing.payment_action_required.v1", "acct_feed", "fer@example.com"));
        await().atMost(Duration.ofSeconds(60)).until(() -> events.stream().allMatch(id -> feedStatus(id) != null));

        HttpResponse<String> firstPage = SignedCaller.get(port, "/api/notifications/me?page=0&size=2", fer,
                "notification-service");
        assertThat(firstPage.statusCode()).isEqualTo(200);
        assertThat(firstPage.headers().firstValue("X-Total-Count")).contains("3");
        assertThat(firstPage.headers().firstValue("X-Unread-Count")).contains("3");
        assertThat(firstPage.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link)
                .contains("page=1&size=2").contains("rel=\"next\""));
        HttpResponse<String> secondPage = SignedCaller.get(port, "/api/notifications/me?page=1&size=2", fer,
                "notification-service");
        List<Long> ids = jdbc.sql("SELECT id FROM notification WHERE account_id = 'acct_feed' ORDER BY created_at DESC, id DESC")
                .query(Long.class).list();
        assertThat(firstPage.body()).contains("\"id\":" + ids.get(0)).contains("\"id\":" + ids.get(1)).contains("\"read\":false");
        assertThat(secondPage.body()).contains("\"id\":" + ids.get(2)).doesNotContain("\"id\":" + ids.get(0) + ",");
        assertThat(secondPage.headers().firstValue("Link")).isEmpty();

        assertThat(send("POST", "/api/notifications/me/" + ids.get(1) + "/read", fer, null).statusCode()).isEqualTo(204);
        assertThat(SignedCaller.get(port, "/api/notifications/me/unread-count", fer, "notification-service").body())
                .isEqualTo("{\"unread\":2}");
        CallerIdentity stranger = new CallerIdentity("user_x", "acct_other", null, List.of("owner"));
        assertThat(send("POST", "/api/notifications/me/" + ids.get(0) + "/read", stranger, null).statusCode())
                .as("another account's entry").isEqualTo(404);
        assertThat(send("POST", "/api/notifications/me/read-all", fer, null).body()).isEqualTo("{\"marked\":2}");
        assertThat(SignedCaller.get(port, "/api/notifications/me/unread-count", fer, "notification-service").body())
                .isEqualTo("{\"unread\":0}");
        assertThat(SignedCaller.get(port, "/api/notifications/me?size=500", fer, "notification-service").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aPlatformAdminPreviewsEveryTemplateInBothLanguagesAndNobodyElseDoes() {
        CallerIdentity admin = new CallerIdentity("user_admin", "acct_platform", null, List.of("platform_admin"));
        HttpResponse<String> list = SignedCaller.get(port, "/api/notifications/admin/templates", admin, "notification-service");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"trial-expiring\"", "\"ticket-answered\"", "\"build-sprint-purchase\"",
                "\"community-invitation\"", "\"invitation-accepted\"", "\"plan-changed\"");

        HttpResponse<String> spanish = SignedCaller.get(port,
                "/api/notifications/admin/templates/trial-expiring/preview?lang=es", admin, "notification-service");
        assertThat(spanish.statusCode()).isEqualTo(200);
        assertThat(spanish.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(spanish.body()).contains("<title>Quedan 3 días de tu prueba").contains("9 de diciembre de 2026");
        assertThat(SignedCaller.get(port, "/api/notifications/admin/templates/trial-expiring/preview?lang=en", admin,
                "notification-service").body()).contains("ends in <strong>3 days");
        assertThat(SignedCaller.get(port, "/api/notifications/admin/templates/nope/preview?lang=en", admin,
                "notification-service").statusCode()).isEqualTo(404);
        assertThat(SignedCaller.get(port, "/api/notifications/admin/templates/trial-expiring/preview?lang=pt", admin,
                "notification-service").statusCode()).isEqualTo(400);

        CallerIdentity owner = new CallerIdentity("user_o", "acct_o", null, List.of("owner"));
        assertThat(SignedCaller.get(port, "/api/notifications/admin/templates", owner, "notification-service").statusCode())
                .isEqualTo(403);
    }

    private HttpResponse<String> oneClick(String pathAndQuery) {
        // What a mail client does (RFC 8058): a POST with this form body, no cookie, no identity.
        return http(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
    }

    private HttpResponse<String> send(String method, String path, CallerIdentity caller, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        SignedCaller.identityHeaders(caller, "notification-service").forEach(request::header);
        return http(request);
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String mailStatus(String eventId) {
        return jdbc.sql("SELECT status FROM outgoing_mail WHERE cause_event_id = :id").param("id", eventId).query(String.class)
                .optional().orElse(null);
    }

    private String feedStatus(String eventId) {
        return jdbc.sql("SELECT status FROM notification WHERE event_id = :id").param("id", eventId).query(String.class)
                .optional().orElse(null);
    }

    private static String publishPayment(String type, String accountId, String email) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s","invoiceId":"in_1","invoiceNumber":"A1B2-0001",
                 "amountMinor":2000,"amountDueMinor":2000,"currency":"usd","attemptCount":1,
                 "nextPaymentAttempt":"2026-12-09T10:00:00Z","hostedInvoiceUrl":"https://invoice.stripe.com/i/x",
                 "customerEmail":"%s"}""".formatted(id, accountId, now, email);
        TestKafka.send(Topics.BILLING, accountId, body, CloudEventHeaders.of(id, "/tollgate/billing-service", type, now, accountId));
        return id;
    }

    private static String publishUsage(String accountId, String feature) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s","feature":"%s","threshold":80,"limit":100000,
                 "used":80000,"periodStart":"2026-12-01T00:00:00Z","resetsAt":"2027-01-01T00:00:00Z"}"""
                .formatted(id, accountId, now, feature);
        TestKafka.send(Topics.ENTITLEMENT, accountId, body, CloudEventHeaders.of(id, "/tollgate/entitlement-service",
                "entitlements.usage_threshold_reached.v1", now, accountId));
        return id;
    }

    private static List<String> subjects(String address) {
        return SMTP.mailsTo(address).stream().map(PreferencesUnsubscribeFeedTest::subject).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage mail, String name) {
        try {
            return mail.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
