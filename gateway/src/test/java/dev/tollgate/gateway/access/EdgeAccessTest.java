package dev.tollgate.gateway.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.tollgate.gateway.GatewayApplication;
import dev.tollgate.gateway.GatewayDatabase;
import dev.tollgate.gateway.ServiceStandIn;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.IdentityHeaders;
import dev.tollgate.platform.identity.InternalTokenVerifier;
import dev.tollgate.platform.test.SignedCaller;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.platform.test.fuzz.RawHttp;

/**
 * Deny by default, decided on the path the router uses: the gateway runs as in production (keys from
 * a JWKS URL, no development issuer) in front of a WireMock that stands for every service and must
 * see only what the gateway lets through.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME,
                "tollgate.stripe.webhook.secret=whsec_edge_access_test", "tollgate.gateway.jwt.dev-issuer-enabled=false",
                "tollgate.gateway.jwt.issuer=https://idp.example", "tollgate.gateway.jwt.audience=tollgate-edge-test" })
class EdgeAccessTest {

    static final RSAKey KEY = rsaKey();
    static final WireMockServer SERVICES = ServiceStandIn.started();
    static final WireMockServer IDENTITY_PROVIDER = identityProvider();

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Value("${tollgate.identity.jwks}")
    String servicesJwks;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        GatewayDatabase.register(registry);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("tollgate.gateway.jwt.jwks-url", () -> IDENTITY_PROVIDER.baseUrl() + "/jwks.json");
        ServiceStandIn.routeEveryServiceTo(SERVICES, registry);
    }

    @AfterAll
    static void stop() {
        SERVICES.stop();
        IDENTITY_PROVIDER.stop();
    }

    @BeforeEach
    void forgetRequests() {
        SERVICES.resetRequests();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api;x=1/entitlements/me, 400",
            "/api/entitlements;x=1/me, 400",
            "/%61pi/entitlements/me, 401",
            "/API/entitlements/me, 401",
            "/Api/Entitlements/me, 401",
            "//api/entitlements/me, 400",
            "/api//entitlements/me, 400",
            "/api/%2Fentitlements/me, 400",
            "/api%2fentitlements/me, 400",
            "/api/./entitlements/me, 400",
            "/api/../api/entitlements/me, 400",
            "/api/entitlements/%2e%2e/me, 400",
            "/api/entitlements/%2E/me, 400",
            "/api/entitlements/%252e%252e/me, 400",
            "/api/entitlements/me/..;/x, 400",
            "/api\\entitlements\\me, 400",
            "/api/entitlements/%5Cme, 400",
            "/api/entitlements/me%00, 400",
            "/api/entitlements/me%0a, 400",
            "/api/entitl\u00e9ments/me, 400",
            "/webhooks/stripe/../../api/entitlements/me, 400",
            "/livez/../api/entitlements/me, 400",
            "/api/catalog/../entitlements/me, 400",
            "/api/catalog/%2e%2e/entitlements/me, 400",
            "/api/entitlements/me, 401" })
    void pathVariantsWithoutATokenNeverReachAServiceEvenWithForgedIdentityHeaders(String path, int status) throws Exception {
        // Signed with the development key everyone can read in the repository: still never let through.
        List<Map.Entry<String, String>> forged = new ArrayList<>(SignedCaller.identityHeaders(
                new CallerIdentity("user_evil", "acct_victim", null, List.of("owner")), "entitlement-service").entrySet());

        RawHttp.Response response = send("GET", path, forged);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertProblem(response);
        assertThat(SERVICES.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "/api;x=1/entitlements/me", "//api/entitlements/me", "/api/%2Fentitlements/me", "/api/./entitlements/me",
            "/api/../api/entitlements/me", "/api/entitlements/%2e%2e/me" })
    void aRejectedPathIsRefusedBeforeRoutingAlsoWithAValidToken(String path) throws Exception {
        RawHttp.Response response = send("GET", path, List.of(bearer(token("tollgate-edge-test", "user_1", "acct_1"))));

        assertThat(response.status()).isEqualTo(400);
        assertProblem(response);
        assertThat(SERVICES.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void identityAndCredentialHeadersFromTheClientNeverArriveOnlyTheGatewaysIdentityDoes() throws Exception {
        RawHttp.Response response = send("GET", "/api/subscriptions/me", List.of(
                bearer(token("tollgate-edge-test", "user_1", "acct_real")),
                Map.entry("X-Tollgate-Account-Id", "acct_victim"), Map.entry("x-tollgate-user-id", "user_evil"),
                Map.entry("X-TOLLGATE-Something-New", "smuggled"), Map.entry("Cookie", "SESSION=stolen"),
                Map.entry("X-Request-Id", "kept")));

        assertThat(response.status()).isEqualTo(200);
        LoggedRequest forwarded = SERVICES.findAll(anyRequestedFor(anyUrl())).getLast();
        assertThat(forwarded.getHeaders().getHeader("Authorization").isPresent()).isFalse();
        assertThat(forwarded.getHeaders().getHeader("Cookie").isPresent()).isFalse();
        assertThat(forwarded.getHeaders().getHeader("X-Tollgate-Something-New").isPresent()).isFalse();
        assertThat(forwarded.getHeaders().getHeader("X-Tollgate-Account-Id").isPresent()).isFalse();
        assertThat(forwarded.getHeaders().getHeader(IdentityHeaders.IDENTITY).values()).hasSize(1);
        assertThat(forwarded.getHeader("X-Request-Id")).isEqualTo("kept");
        assertThat(InternalTokenVerifier.fromJwks(servicesJwks, "subscription-service", Duration.ofSeconds(5), Clock.systemUTC(),
                "jwks").verify(forwarded.getHeader(IdentityHeaders.IDENTITY))).hasValueSatisfying(caller -> {
                    assertThat(caller.accountId()).isEqualTo("acct_real");
                    assertThat(caller.userId()).isEqualTo("user_1");
                });
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        RawHttp.Response response = send("GET", "/api/subscriptions/me",
                List.of(bearer(token("another-api", "user_1", "acct_1"))));

        assertThat(response.status()).isEqualTo(401);
        assertProblem(response);
        assertThat(response.body()).contains("aud claim rejected");
        assertThat(SERVICES.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aTokenWhoseAccountIdIsOutsideTheIdFormatIsRefusedNamingTheClaim() throws Exception {
        RawHttp.Response response = send("GET", "/api/subscriptions/me",
                List.of(bearer(token("tollgate-edge-test", "user_1", "#{T(java.lang.Runtime)}"))));

        assertThat(response.status()).isEqualTo(401);
        assertProblem(response);
        assertThat(response.body()).contains("'account_id' claim");
        assertThat(SERVICES.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aTokenWhoseSubjectIsOutsideTheIdFormatIsRefusedNamingTheClaim() throws Exception {
        RawHttp.Response response = send("GET", "/api/subscriptions/me",
                List.of(bearer(token("tollgate-edge-test", "user 1\n", "acct_1"))));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).contains("'sub' claim");
    }

    @Test
    void theAllowlistNeedsNoTokenAndGetsNoIdentity() throws Exception {
        RawHttp.Response catalog = send("GET", "/api/catalog", List.of(Map.entry("X-Tollgate-Account-Id", "acct_victim")));
        assertThat(catalog.status()).isEqualTo(200);
        LoggedRequest forwarded = SERVICES.findAll(anyRequestedFor(anyUrl())).getLast();
        assertThat(forwarded.getUrl()).isEqualTo("/api/catalog");
        assertThat(forwarded.getHeaders().getHeader(IdentityHeaders.IDENTITY).isPresent()).isFalse();

        assertThat(send("GET", "/livez", List.of()).status()).isEqualTo(200);
        assertThat(send("GET", "/readyz", List.of()).status()).isEqualTo(200);
        RawHttp.Response webhook = send("POST", "/webhooks/stripe", List.of(Map.entry("Content-Type", "application/json")));
        assertThat(webhook.status()).isEqualTo(400);
        assertThat(webhook.body()).contains("Stripe-Signature");
    }

    @Test
    void everythingElseIsDeniedWithoutAToken() throws Exception {
        for (String path : List.of("/", "/actuator/prometheus", "/actuator/health", "/dev/tokens", "/unknown", "/error",
                "/api/catalog-admin")) {
            RawHttp.Response response = send("GET", path, List.of());
            assertThat(response.status()).as(path).isEqualTo(401);
            assertProblem(response);
        }
        assertThat(send("POST", "/api/catalog", List.of()).status()).isEqualTo(401);
        assertThat(SERVICES.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void actuatorIsNotOnThePublicPortEvenWithAValidTokenWhileTheProbesAnswer() throws Exception {
        List<Map.Entry<String, String>> authenticated = List.of(bearer(token("tollgate-edge-test", "user_1", "acct_1")));
        for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/health", "/actuator/env")) {
            RawHttp.Response response = send("GET", path, authenticated);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertProblem(response);
            assertThat(response.body()).doesNotContain("jvm_").doesNotContain("\"components\"");
        }
        assertThat(SERVICES.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        RawHttp.Response readiness = send("GET", "/readyz", List.of());
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");
        assertThat(send("GET", "/livez", List.of()).status()).isEqualTo(200);
    }

    @Test
    void withoutConfiguredOriginsAPreflightGetsNoCorsHeadersAndIsNeverForwarded() throws Exception {
        RawHttp.Response response = send("OPTIONS", "/api/subscriptions/me", List.of(Map.entry("Origin", "https://app.example.com"),
                Map.entry("Access-Control-Request-Method", "GET")));

        // Spring answers a preflight for which no CORS configuration exists itself (an empty 200); without an
        // Access-Control-Allow-Origin header the browser refuses the real request.
        assertThat(response.status()).isLessThan(500);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        assertThat(response.header("Access-Control-Allow-Methods")).isNull();
        assertThat(SERVICES.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void metricsAndHealthDetailsAreServedOnTheManagementPortOnly() throws Exception {
        RawHttp.Response metrics = RawHttp.send("localhost", managementPort,
                new RawHttp.Request("GET", "/actuator/prometheus", List.of(), new byte[0]));

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    private RawHttp.Response send(String method, String path, List<Map.Entry<String, String>> headers) throws Exception {
        return RawHttp.send("localhost", port, new RawHttp.Request(method, path, headers, new byte[0]));
    }

    private static void assertProblem(RawHttp.Response response) {
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + response.status());
    }

    private static Map.Entry<String, String> bearer(String token) {
        return Map.entry("Authorization", "Bearer " + token);
    }

    private static String token(String audience, String subject, String account) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://idp.example").audience(audience).subject(subject)
                .claim("account_id", account).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("edge-test").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static WireMockServer identityProvider() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(new JWKSet(KEY.toPublicJWK()).toString())));
        return server;
    }
}
