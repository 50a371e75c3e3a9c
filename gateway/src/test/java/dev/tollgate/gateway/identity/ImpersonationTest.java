package dev.tollgate.gateway.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.tollgate.gateway.GatewayApplication;
import dev.tollgate.gateway.GatewayDatabase;
import dev.tollgate.gateway.ServiceStandIn;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.Ed25519Jws;
import dev.tollgate.platform.identity.IdentityHeaders;
import dev.tollgate.platform.identity.InternalTokenVerifier;
import dev.tollgate.platform.test.TestKafka;

/**
 * Support's read-only impersonation token (signed by subscription-service's key, whose public half the
 * gateway is configured with; here the development pair of the 'local' profile, as subscription-service
 * signs it) reaches a service for GET as the account with the admin as its user, and nothing else.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME, "tollgate.gateway.jwt.dev-issuer-enabled=true",
                "tollgate.stripe.webhook.secret=whsec_impersonation_test" })
class ImpersonationTest {

    static final WireMockServer SERVICE = ServiceStandIn.started();

    @LocalServerPort
    int port;
    @Value("${tollgate.subscription.impersonation.signing-key}")
    String subscriptionServiceKey;
    @Value("${tollgate.identity.jwks}")
    String servicesJwks;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        GatewayDatabase.register(registry);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        ServiceStandIn.routeEveryServiceTo(SERVICE, registry);
    }

    @AfterAll
    static void stop() {
        SERVICE.stop();
    }

    @Test
    void aGetIsForwardedAsTheAccountWithTheAdminAsItsUserAndOnlyTheImpersonationRole() throws Exception {
        String token = token(OctetKeyPair.parse(subscriptionServiceKey), "acct_customer", Duration.ofMinutes(15));

        HttpResponse<String> response = send("GET", "/api/subscriptions/me", token);

        assertThat(response.statusCode()).isEqualTo(200);
        String identity = SERVICE.findAll(anyRequestedFor(anyUrl())).getLast().getHeader(IdentityHeaders.IDENTITY);
        assertThat(InternalTokenVerifier.fromJwks(servicesJwks, "subscription-service", Duration.ofSeconds(5), Clock.systemUTC(),
                "jwks").verify(identity)).contains(new CallerIdentity("ops_mia", "acct_customer", "mia@tollgate.test",
                        List.of(ImpersonationVerifier.ROLE)));
        assertThat(send("HEAD", "/api/subscriptions/me", token).statusCode()).isEqualTo(200);
    }

    @Test
    void anyOtherMethodIsAForbiddenProblemAndNeverReachesTheService() throws Exception {
        String token = token(OctetKeyPair.parse(subscriptionServiceKey), "acct_customer", Duration.ofMinutes(15));
        int before = SERVICE.findAll(anyRequestedFor(anyUrl())).size();

        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            HttpResponse<String> response = send(method, "/api/subscriptions/admin/accounts/acct_customer/suspension", token);
            assertThat(response.statusCode()).as(method).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("impersonation is read-only");
        }
        assertThat(SERVICE.findAll(anyRequestedFor(anyUrl()))).hasSize(before);
    }

    @Test
    void anExpiredTokenOrOneSignedByAnotherKeyIsUnauthorized() throws Exception {
        String expired = token(OctetKeyPair.parse(subscriptionServiceKey), "acct_customer", Duration.ofSeconds(-1));
        String stranger = token(Ed25519Jws.generate("local-impersonation"), "acct_customer", Duration.ofMinutes(15));

        for (String token : List.of(expired, stranger)) {
            HttpResponse<String> response = send("GET", "/api/subscriptions/me", token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    /** As subscription-service's ImpersonationTokens signs it. */
    private static String token(OctetKeyPair key, String account, Duration ttl) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("subscription-service").audience("tollgate-gateway")
                .subject(account).claim("account_id", account)
                .claim("act", Map.of("sub", "ops_mia", "email", "mia@tollgate.test")).claim("scope", "impersonation:read")
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(ttl))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                .build(), claims);
        jwt.sign(Ed25519Jws.signer(key));
        return jwt.serialize();
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, "HEAD".equals(method) || "GET".equals(method) || "DELETE".equals(method)
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{\"reason\":\"x\"}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
