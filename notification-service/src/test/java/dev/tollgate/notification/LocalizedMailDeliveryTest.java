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
import jakarta.mail.internet.MimeMultipart;

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

import dev.tollgate.notification.mail.SmtpServer;
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.SignedCaller;
import dev.tollgate.platform.test.TestKafka;

/** The new mails through Kafka, the inbox, the outbox table and a real SMTP server. */
// Closed after the class: every test context joins the same consumer group on the shared broker.
@DirtiesContext
@SpringBootTest(classes = NotificationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + NotificationApplication.CONFIG_NAME)
@ContextConfiguration(initializers = RealInfrastructure.class)
class LocalizedMailDeliveryTest {

    static final SmtpServer SMTP = new SmtpServer();
    static final String INVOICE_URL = "https://invoice.stripe.com/i/acct_1Test/test_YWNjdF8x?s=ap";

    @Autowired
    JdbcClient jdbc;
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
    void aFailedPaymentDeliveredTwiceSendsOneMailInTheDefaultLatinAmericanSpanish() throws Exception {
        String failed = UUID.randomUUID().toString();
        publishPayment(failed, "billing.payment_failed.v1", "acct_pay_es", "sofia@example.com");
        publishPayment(failed, "billing.payment_failed.v1", "acct_pay_es", "sofia@example.com");
        // Same account, same partition: once the mail of this later event is out, the redelivery was handled.
        publishPayment(UUID.randomUUID().toString(), "billing.payment_succeeded.v1", "acct_pay_es", "sofia@example.com");

        await().atMost(Duration.ofSeconds(60)).until(() -> subjects("sofia@example.com").stream()
                .anyMatch(subject -> subject.startsWith("Pago recibido: CLP19,900")));
        List<MimeMessage> failedMails = SMTP.mailsTo("sofia@example.com").stream()
                .filter(mail -> subject(mail).startsWith("Tu pago de CLP19,900 no se pudo realizar")).toList();
        assertThat(failedMails).hasSize(1);
        MimeMultipart parts = alternatives((MimeMultipart) failedMails.getFirst().getContent());
        assertThat((String) parts.getBodyPart(0).getContent()).contains("intento 2")
                .contains("Volveremos a intentarlo el 9 de diciembre de 2026").contains(INVOICE_URL);
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("intento 2").contains("9 de diciembre de 2026");
    }

    @Test
    void anAccountThatChoseEnglishGetsItsMailInEnglish() {
        HttpResponse<String> chosen = putPreferences("acct_pay_en", "{\"language\":\"en\"}");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        assertThat(chosen.body()).contains("\"language\":\"en\"");
        assertThat(SignedCaller.get(port, "/api/notifications/preferences/me", caller("acct_pay_en"), "notification-service").body())
                .contains("\"language\":\"en\"");
        assertThat(SignedCaller.get(port, "/api/notifications/preferences/me", caller("acct_pay_other"), "notification-service")
                .body()).contains("\"language\":\"es\"");
        publishPayment(UUID.randomUUID().toString(), "billing.payment_action_required.v1", "acct_pay_en", "liam@example.com");

        await().atMost(Duration.ofSeconds(60)).until(() -> subjects("liam@example.com")
                .contains("Action required: confirm your payment of CLP19,900"));
    }

    @Test
    void aRecoveryFromPastDueSendsTheRecoveryMailAndNoSecondWelcome() {
        String account = "acct_recovered";
        publishSubscription(UUID.randomUUID().toString(), "subscription.activated.v1", account, "\"firstActivation\":true");
        publishSubscription(UUID.randomUUID().toString(), "subscription.past_due.v1", account, "\"firstActivation\":null");
        publishSubscription(UUID.randomUUID().toString(), "subscription.recovered.v1", account, "\"firstActivation\":null");
        publishSubscription(UUID.randomUUID().toString(), "subscription.activated.v1", account, "\"firstActivation\":false");
        // A later mail of the same account: once it is out, the second activation was handled.
        publishSubscription(UUID.randomUUID().toString(), "subscription.trial_expired.v1", account, "\"firstActivation\":null");

        await().atMost(Duration.ofSeconds(60)).until(() -> subjects("rosa@example.com").stream()
                .anyMatch(subject -> subject.startsWith("Tu prueba de LATAMLAB.AI terminó")));
        List<String> subjects = subjects("rosa@example.com");
        // The welcome names the plan as the catalog does, or by its id while no catalog arrived (another test publishes one).
        assertThat(subjects.getFirst()).startsWith("¡Bienvenido a ").endsWith("! Tu suscripción está activa \u2705");
        assertThat(subjects.subList(1, subjects.size())).containsExactly(
                "Pago recibido - tu suscripción a LATAMLAB.AI está activa de nuevo",
                "Tu prueba de LATAMLAB.AI terminó - tus datos están a salvo");
    }

    @Test
    void threeDaysBeforeTheTrialEndsTheMailNamesThePlanAsTheCatalogDoes() {
        String catalogId = UUID.randomUUID().toString();
        String catalog = """
                {"eventId":"%s","accountId":"catalog","occurredAt":"%s","catalogId":"community-edition","version":7,
                 "contentHash":"abc","name":"Community Edition","products":[{"id":"community","kind":"plan",
                 "stripeProductId":"prod_1","name":"Community Edition","metadata":{},"prices":[]}]}"""
                .formatted(catalogId, Instant.now());
        TestKafka.send(Topics.CATALOG, "catalog", catalog,
                CloudEventHeaders.of(catalogId, "/tollgate/billing-service", "catalog.published.v1", Instant.now(), "catalog"));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM catalog_product WHERE id = 'community'")
                .query(Long.class).single() == 1);

        publishSubscription(UUID.randomUUID().toString(), "subscription.trial_expiring.v1", "acct_expiring",
                "\"daysLeft\":3,\"email\":\"ana@example.com\"");

        await().atMost(Duration.ofSeconds(60)).until(() -> subjects("ana@example.com")
                .contains("Quedan 3 días de tu prueba - Suscríbete para conservar tus agentes"));
        assertThat(SMTP.mailsTo("ana@example.com")).hasSize(1);
        assertThat(body(SMTP.mailsTo("ana@example.com").getFirst())).contains("Suscríbete a Community Edition por CLP19,900 al mes");
    }

    @Test
    void aLanguageWeDoNotWriteIsAClientMistake() {
        HttpResponse<String> refused = putPreferences("acct_pay_pt", "{\"language\":\"pt\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(refused.body()).contains("language must be one of [es, en]");
    }

    private static CallerIdentity caller(String account) {
        return new CallerIdentity("user_" + account, account, null, List.of("owner"));
    }

    private HttpResponse<String> putPreferences(String account, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/notifications/preferences/me"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        SignedCaller.identityHeaders(caller(account), "notification-service").forEach(request::header);
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage mail) {
        try {
            return (String) alternatives((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void publishPayment(String id, String type, String accountId, String email) {
        Instant now = Instant.now();
        String body = """
                {"eventId":"%s","accountId":"%s","occurredAt":"%s","stripeEventId":"evt_1","invoiceId":"in_1",
                 "invoiceNumber":"A1B2-0001","stripeSubscriptionId":"sub_1","stripeCustomerId":"cus_1","amountMinor":19900,
                 "amountDueMinor":19900,"currency":"clp","attemptCount":2,"nextPaymentAttempt":"2026-12-09T10:00:00Z",
                 "periodStart":"2026-12-06T10:00:00Z","periodEnd":"2027-01-06T10:00:00Z","hostedInvoiceUrl":"%s",
                 "invoicePdf":null,"billingReason":"subscription_cycle","customerEmail":"%s"}"""
                .formatted(id, accountId, now, INVOICE_URL, email);
        TestKafka.send(Topics.BILLING, accountId, body, CloudEventHeaders.of(id, "/tollgate/billing-service", type, now, accountId));
    }

    private static void publishSubscription(String id, String type, String accountId, String extra) {
        Instant now = Instant.now();
        String transition = type.substring("subscription.".length(), type.lastIndexOf('.'));
        String body = """
                {"transition":"%s","eventId":"%s","accountId":"%s","occurredAt":"%s","subscriptionId":"sub_%s",
                 "planId":"community","status":"active","billingInterval":"month","trialEnd":"2026-12-09T10:00:00Z",
                 "currentPeriodEnd":"2027-01-06T10:00:00Z","cancelAtPeriodEnd":false,"amountMinor":19900,"currency":"clp",
                 %s}"""
                .formatted(transition, id, accountId, now, accountId,
                        extra.contains("\"email\"") ? extra : "\"email\":\"rosa@example.com\"," + extra);
        TestKafka.send(Topics.SUBSCRIPTION, accountId, body,
                CloudEventHeaders.of(id, "/tollgate/subscription-service", type, now, accountId));
    }

    private static List<String> subjects(String address) {
        return SMTP.mailsTo(address).stream().map(LocalizedMailDeliveryTest::subject).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Spring's MimeMessageHelper nests the alternatives inside mixed and related parts (room for attachments). */
    private static MimeMultipart alternatives(MimeMultipart multipart) throws Exception {
        if (multipart.getContentType().startsWith("multipart/alternative")) {
            return multipart;
        }
        return alternatives((MimeMultipart) multipart.getBodyPart(0).getContent());
    }
}
