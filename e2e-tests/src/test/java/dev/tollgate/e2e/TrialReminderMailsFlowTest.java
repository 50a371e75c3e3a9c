package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tollgate.notification.NotificationApplication;
import dev.tollgate.notification.mail.MailCategory;
import dev.tollgate.notification.mail.UnsubscribeTokens;
import dev.tollgate.platform.test.ControllableClock;
import dev.tollgate.subscription.SubscriptionApplication;
import dev.tollgate.subscription.jobs.LifecycleJob;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A card-less trial signed up through the gateway reaches 7, 3 and 1 days left and expires, with
 * subscription-service's clock moved forward (ControllableClock) and its lifecycle job run at each
 * step, and the customer gets exactly one mail of each through the real SMTP server, in the Community
 * Edition's Latin American Spanish; further job runs send nothing more. The job is run in-process:
 * once subscription-service's clock is days ahead, the gateway's identity tokens (valid for a minute
 * of real time) are expired for it, so its admin endpoint cannot be reached then. Also: the one-click
 * unsubscribe is a public path at the gateway (RFC 8058 clients post without a login) and works once.
 */
@ExtendWith(NeedsDockerForContainers.class)
class TrialReminderMailsFlowTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EMAIL = "rita@example.com";
    private static final Map<String, Object> CUSTOMER = Gateway.caller("user_rita", "acct_rita", EMAIL, "owner");

    private static final String SEVEN = "Quedan 7 d\u00edas de tu prueba - Suscr\u00edbete para conservar tus agentes";
    private static final String THREE = "Quedan 3 d\u00edas de tu prueba - Suscr\u00edbete para conservar tus agentes";
    private static final String ONE = "Queda 1 d\u00eda de tu prueba - Suscr\u00edbete para conservar tus agentes";
    private static final String EXPIRED = "Tu prueba de LATAMLAB.AI termin\u00f3 - tus datos est\u00e1n a salvo";
    private static final String WELCOME = "Bienvenido a LATAMLAB.AI - \u00a1Tu prueba de 14 d\u00edas comenz\u00f3! \uD83C\uDF89";

    private static RunningPlatform running;

    @BeforeAll
    static void startPlatform() {
        running = RunningPlatform.start();
    }

    @AfterAll
    static void stopPlatform() {
        ControllableClock.INSTANCE.reset();
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aTrialGetsExactlyOneMailAtSevenThreeAndOneDaysLeftAndOneWhenItExpires() throws Exception {
        HttpResponse<String> started = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> call("POST", "/api/subscriptions", "{\"billingCycle\":\"monthly\",\"currency\":\"USD\"}"),
                        response -> response.statusCode() != 503);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        awaitSubjects(WELCOME);

        // Each step: the clock moves, the job runs (twice: the second run must claim nothing), and one mail arrives.
        step(Duration.ofDays(7).plusHours(1), WELCOME, SEVEN);
        step(Duration.ofDays(4), WELCOME, SEVEN, THREE);
        step(Duration.ofDays(2), WELCOME, SEVEN, THREE, ONE);
        step(Duration.ofDays(1), WELCOME, SEVEN, THREE, ONE, EXPIRED);

        // Further runs, a day later, send nothing: the feed (through the gateway, notification-service's own clock) agrees.
        ControllableClock.INSTANCE.advance(Duration.ofDays(1));
        LifecycleJob.RunResult later = job().run("manual", "e2e");
        assertThat(later.reminders() + later.expired()).isZero();
        JsonNode feed = JSON.readTree(call("GET", "/api/notifications/me", null).body());
        assertThat(feed).extracting(entry -> entry.path("template").asString())
                .containsExactly("trial-expired", "trial-expiring", "trial-expiring", "trial-expiring", "trial-started");
        assertThat(subjects()).containsExactly(WELCOME, SEVEN, THREE, ONE, EXPIRED);
        String expiredText = text(mailsTo().getLast());
        assertThat(expiredText).contains("Tus datos est\u00e1n a salvo").contains("/billing");
    }

    @Test
    void theOneClickUnsubscribeIsPublicAtTheGatewayWorksOnceAndEverythingElseStillNeedsALogin() throws Exception {
        String link = running.platform().bean(NotificationApplication.CONFIG_NAME, UnsubscribeTokens.class)
                .link("acct_uli", "uli@example.com", MailCategory.COMMUNITY);
        String pathAndQuery = link.substring(link.indexOf("/api/notifications/unsubscribe"));

        HttpResponse<String> first = anonymous("POST", pathAndQuery);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"category\":\"community\"");
        HttpResponse<String> second = anonymous("POST", pathAndQuery);
        assertThat(second.statusCode()).isEqualTo(410);
        assertThat(second.body()).contains("already used");
        HttpResponse<String> altered = anonymous("POST", "/api/notifications/unsubscribe?token=not-a-token");
        assertThat(altered.statusCode()).as("notification-service's answer, not the gateway's 401").isEqualTo(400);

        assertThat(anonymous("GET", "/api/notifications/me").statusCode()).isEqualTo(401);
        assertThat(anonymous("POST", "/api/notifications/me/read-all").statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> anonymous(String method, String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(running.platform().gatewayUrl() + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void step(Duration forward, String... expected) {
        ControllableClock.INSTANCE.advance(forward);
        // The scheduled run (every minute) may be the one that claims this step; either way the next run claims nothing.
        job().run("manual", "e2e");
        LifecycleJob.RunResult again = job().run("manual", "e2e");
        assertThat(again.reminders() + again.expired()).as("a second run at the same time").isZero();
        awaitSubjects(expected);
    }

    private void awaitSubjects(String... expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> subjects().size() >= expected.length);
        assertThat(subjects()).containsExactly(expected);
    }

    private static LifecycleJob job() {
        return running.platform().bean(SubscriptionApplication.CONFIG_NAME, LifecycleJob.class);
    }

    private static List<String> subjects() {
        return mailsTo().stream().map(Mailbox::subject).toList();
    }

    private static List<MimeMessage> mailsTo() {
        return Mailbox.to(running.smtp(), EMAIL);
    }

    private static String text(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = text(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return running.gateway().call(CUSTOMER, method, path, body);
    }
}
