package dev.tollgate.gateway.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.gateway.GatewayApplication;
import dev.tollgate.gateway.GatewayDatabase;
import dev.tollgate.platform.test.FreePorts;

/** Never 200 without durability: when no broker acknowledges, Stripe is told to retry. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME,
                "tollgate.stripe.webhook.secret=" + StripeWebhookIngestionTest.SECRET,
                "tollgate.gateway.jwt.dev-issuer-enabled=true",
                "tollgate.stripe.webhook.publish-timeout=2s",
                "spring.kafka.admin.operation-timeout=1s",
                "spring.kafka.producer.properties.max.block.ms=1000" })
class WebhookWhileKafkaIsDownTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void brokerNobodyAnswersAt(DynamicPropertyRegistry registry) {
        GatewayDatabase.register(registry);
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + FreePorts.next());
    }

    @Test
    void aValidEventIsAnswered503SoThatStripeRetries() throws Exception {
        String payload = StripeWebhookIngestionTest.subscriptionEvent("evt_kafka_down", "cus_down");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                        .header("Stripe-Signature", StripeWebhookIngestionTest.signatureNow(payload))
                        .POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                HttpResponse.BodyHandlers.ofString());

        StripeWebhookIngestionTest.assertProblem(response, 503, "Stripe will retry");
    }
}
