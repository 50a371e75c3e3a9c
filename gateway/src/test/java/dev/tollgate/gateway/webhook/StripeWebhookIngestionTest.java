package dev.tollgate.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.gateway.GatewayApplication;
import dev.tollgate.gateway.GatewayDatabase;
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.StripeWebhooks;
import dev.tollgate.platform.test.TestKafka;
import tools.jackson.databind.node.ObjectNode;

@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME,
                "tollgate.stripe.webhook.secret=" + StripeWebhookIngestionTest.SECRET,
                "tollgate.gateway.jwt.dev-issuer-enabled=true" })
class StripeWebhookIngestionTest {

    static final String SECRET = "whsec_ingestion_test_secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        GatewayDatabase.register(registry);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @Test
    void aVerifiedEventIsStoredInKafkaKeyedByItsCustomerBeforeStripeGetsItsOk() throws Exception {
        String payload = subscriptionEvent("evt_ingest_ok", "cus_ingest");

        HttpResponse<String> response = post(payload, signatureNow(payload));

        assertThat(response.statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, String>> stored = published("evt_ingest_ok", 1, Duration.ofSeconds(15));
        assertThat(stored).hasSize(1);
        ConsumerRecord<String, String> record = stored.getFirst();
        assertThat(record.key()).isEqualTo("cus_ingest");
        assertThat(record.value()).isEqualTo(payload);
        assertThat(TestKafka.header(record, CloudEventHeaders.TYPE)).isEqualTo("stripe.customer.subscription.created");
        assertThat(TestKafka.header(record, CloudEventHeaders.SUBJECT)).isEqualTo("cus_ingest");
        assertThat(TestKafka.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefusedAndNothingIsPublished() throws Exception {
        String payload = subscriptionEvent("evt_ingest_forged", "cus_forged");
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> response = post(payload, StripeWebhooks.signature(payload, "whsec_someone_else", now));

        assertProblem(response, 400, "Stripe-Signature");
        assertThat(publishedBeforeMarker("evt_ingest_forged", "cus_forged")).isEmpty();
    }

    @Test
    void aRequestWithoutSignatureIsRefused() throws Exception {
        assertProblem(post(subscriptionEvent("evt_ingest_unsigned", "cus_x"), null), 400, "Stripe-Signature header is missing");
    }

    @Test
    void aSignatureOlderThanTheToleranceIsRefused() throws Exception {
        String payload = subscriptionEvent("evt_ingest_stale", "cus_stale");
        long sixMinutesAgo = Instant.now().minusSeconds(360).getEpochSecond();

        assertProblem(post(payload, StripeWebhooks.signature(payload, SECRET, sixMinutesAgo)), 400, "tolerance");
        assertThat(publishedBeforeMarker("evt_ingest_stale", "cus_stale")).isEmpty();
    }

    @Test
    void aCorrectlySignedBodyThatIsNotJsonIsRefused() throws Exception {
        String payload = "{not json";
        assertProblem(post(payload, signatureNow(payload)), 400, "not a JSON Stripe event");
    }

    @ParameterizedTest
    @ValueSource(strings = { "t=abc,v1=00", "garbage", "t=,v1=", "t=1,v1=", "v1=00", "t=99999999999999999999999,v1=00",
            ",,,", "t=1,t=2,v1=zz", " " })
    void aMalformedSignatureHeaderIsABadRequestNotAServerError(String signature) throws Exception {
        String payload = subscriptionEvent("evt_ingest_bad_header", "cus_bad_header");

        HttpResponse<String> response = post(payload, signature);

        assertProblem(response, 400, "Stripe-Signature");
    }

    @Test
    void aHugeSignatureHeaderIsABadRequest() throws Exception {
        String payload = subscriptionEvent("evt_ingest_huge_header", "cus_huge");

        assertProblem(post(payload, "t=1,v1=" + "f".repeat(6000)), 400, "Stripe-Signature");
    }

    @Test
    void aSignedEventMissingWhatConsumersNeedIsABadRequestNamingItAndNothingIsPublished() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"id\":\"evt_shape_1\",\"type\":\"customer.subscription.created\",\"data\":{\"object\":{}}}", "'created'");
        cases.put("{\"id\":\"evt_shape_2\",\"type\":\"customer.subscription.created\",\"created\":1700000000}", "'data'");
        cases.put("{\"id\":\"evt_shape_3\",\"type\":\"customer.subscription.created\",\"created\":1700000000,\"data\":{}}",
                "'data.object'");
        cases.put("{\"id\":\"evt_shape_4\",\"type\":\"customer.subscription.created\",\"created\":\"soon\",\"data\":7}",
                "'created'");
        cases.put("{\"id\":7,\"type\":[],\"created\":1700000000,\"data\":{\"object\":{}}}", "'id' (a string), 'type'");
        cases.put("{\"created\":1700000000,\"data\":{\"object\":{}}}", "'id' (a string), 'type'");
        cases.put("[]", "not a JSON object");
        cases.put("\"evt\"", "not a JSON object");
        cases.put("null", "not a JSON object");
        cases.put("{\"id\":\"evt_shape_5\",\"type\":\"x\",\"created\":1700000000,\"livemode\":{},\"data\":{\"object\":{}}}",
                "wrong JSON type");

        cases.forEach((payload, says) -> {
            try {
                assertProblem(post(payload, signatureNow(payload)), 400, says);
            } catch (Exception e) {
                throw new AssertionError(payload, e);
            }
        });
        assertThat(TestKafka.read(Topics.STRIPE_WEBHOOKS,
                record -> String.valueOf(TestKafka.header(record, CloudEventHeaders.ID)).startsWith("evt_shape_"), 1,
                Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedAsTooLarge() throws Exception {
        String payload = "{\"padding\":\"" + "x".repeat(1024 * 1024) + "\"}";
        assertProblem(post(payload, signatureNow(payload)), 413, "at most 1048576 bytes");
    }

    private HttpResponse<String> post(String payload, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status).contains(detail).doesNotContain("Exception");
    }

    static String signatureNow(String payload) {
        return StripeWebhooks.signature(payload, SECRET, Instant.now().getEpochSecond());
    }

    static String subscriptionEvent(String eventId, String customer) {
        ObjectNode subscription = StripeWebhooks.fixture("subscription");
        subscription.put("customer", customer);
        return StripeWebhooks.json().writeValueAsString(StripeWebhooks.event(eventId, "customer.subscription.created",
                Instant.now().getEpochSecond(), subscription));
    }

    /** Records of {@code eventId} published before a valid marker webhook for the same customer (so the same partition). */
    private List<ConsumerRecord<String, String>> publishedBeforeMarker(String eventId, String customer) throws Exception {
        String marker = eventId + "_marker";
        String payload = subscriptionEvent(marker, customer);
        assertThat(post(payload, signatureNow(payload)).statusCode()).isEqualTo(200);
        return TestKafka.readUntilMarker(Topics.STRIPE_WEBHOOKS, record -> eventId.equals(TestKafka.header(record, CloudEventHeaders.ID)),
                record -> marker.equals(TestKafka.header(record, CloudEventHeaders.ID)), Duration.ofSeconds(15));
    }

    private static List<ConsumerRecord<String, String>> published(String eventId, int wanted, Duration wait) {
        return TestKafka.read(Topics.STRIPE_WEBHOOKS, record -> eventId.equals(TestKafka.header(record, CloudEventHeaders.ID)),
                wanted, wait);
    }
}
