package dev.tollgate.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

class InternalTokenTest {

    private static final OctetKeyPair GATEWAY_KEY = Ed25519Jws.generate("gateway-1");
    private static final CallerIdentity CALLER = new CallerIdentity("user_1", "acct_1", "u1@example.com", List.of("owner", "billing"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final InternalTokenIssuer issuer = new InternalTokenIssuer(GATEWAY_KEY, Duration.ofSeconds(60), clock);
    private final InternalTokenVerifier billing = verifier(GATEWAY_KEY, "billing-service");

    @Test
    void aTokenForAServiceGivesThatServiceTheCaller() {
        String token = issuer.tokenFor(CALLER, "billing-service");

        assertThat(billing.verify(token)).contains(CALLER);
        assertThat(header(token)).contains("\"alg\":\"EdDSA\"").contains("\"kid\":\"gateway-1\"");
    }

    @Test
    void aTokenMeantForOneServiceIsRefusedByAnother() {
        String token = issuer.tokenFor(CALLER, "billing-service");

        assertThat(verifier(GATEWAY_KEY, "entitlement-service").verify(token)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        OctetKeyPair stranger = Ed25519Jws.generate("gateway-1");
        String token = new InternalTokenIssuer(stranger, Duration.ofSeconds(60), clock).tokenFor(CALLER, "billing-service");

        assertThat(billing.verify(token)).isEmpty();
    }

    @Test
    void aTokenWhoseClaimsWereChangedIsRefused() {
        String token = issuer.tokenFor(CALLER, "billing-service");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("acct_1", "acct_2");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];

        assertThat(billing.verify(forged)).isEmpty();
    }

    @Test
    void aTokenWithAnotherAlgorithmIsRefused() throws Exception {
        JWTClaimsSet claims = claims(clock.instant(), clock.instant().plusSeconds(60)).build();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("gateway-1").build(), claims);
        hmac.sign(new MACSigner(GATEWAY_KEY.getX().decode()));

        assertThat(billing.verify(hmac.serialize())).isEmpty();
        assertThat(billing.verify("not.a.token")).isEmpty();
        assertThat(billing.verify("")).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = issuer.tokenFor(CALLER, "billing-service");

        clock.advance(Duration.ofSeconds(60));

        assertThat(billing.verify(token)).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefusedAlsoAfterItWasVerified() {
        String token = issuer.tokenFor(CALLER, "billing-service");
        assertThat(billing.verify(token)).isPresent();

        clock.advance(Duration.ofSeconds(61));

        assertThat(billing.verify(token)).isEmpty();
    }

    @Test
    void aTokenIssuedInTheFutureBeyondTheSkewIsRefusedWithinItAccepted() {
        MutableClock ahead = new MutableClock(clock.instant().plusSeconds(6));
        String future = new InternalTokenIssuer(GATEWAY_KEY, Duration.ofSeconds(60), ahead).tokenFor(CALLER, "billing-service");
        ahead.advance(Duration.ofSeconds(-2));
        String withinSkew = new InternalTokenIssuer(GATEWAY_KEY, Duration.ofSeconds(60), ahead).tokenFor(CALLER, "billing-service");

        assertThat(billing.verify(future)).isEmpty();
        assertThat(billing.verify(withinSkew)).contains(CALLER);
    }

    @Test
    void aTokenWithAnInvalidAccountIdIsRefused() {
        String token = issuer.tokenFor(new CallerIdentity("user_1", "#{T(java.lang.Runtime)}", null, List.of()), "billing-service");

        assertThat(billing.verify(token)).isEmpty();
    }

    @Test
    void theSameCallerAndServiceReuseOneTokenUntilItNearsExpiry() {
        String first = issuer.tokenFor(CALLER, "billing-service");

        clock.advance(Duration.ofSeconds(39));
        assertThat(issuer.tokenFor(CALLER, "billing-service")).isSameAs(first);
        assertThat(issuer.tokenFor(CALLER, "entitlement-service")).isNotEqualTo(first);
        assertThat(issuer.tokenFor(new CallerIdentity("user_2", "acct_1", null, List.of()), "billing-service")).isNotEqualTo(first);

        clock.advance(Duration.ofSeconds(2));
        String renewed = issuer.tokenFor(CALLER, "billing-service");
        assertThat(renewed).isNotEqualTo(first);
        assertThat(billing.verify(renewed)).contains(CALLER);
    }

    @Test
    void aServiceTrustsEveryKeyOfItsJwksSoTheGatewayKeyCanRotate() {
        OctetKeyPair next = Ed25519Jws.generate("gateway-2");
        InternalTokenVerifier rotating = new InternalTokenVerifier(
                new JWKSet(List.of(GATEWAY_KEY.toPublicJWK(), next.toPublicJWK())), "billing-service", Duration.ofSeconds(5), clock);

        assertThat(rotating.verify(issuer.tokenFor(CALLER, "billing-service"))).contains(CALLER);
        assertThat(rotating.verify(new InternalTokenIssuer(next, Duration.ofSeconds(60), clock).tokenFor(CALLER, "billing-service")))
                .contains(CALLER);
    }

    @Test
    void aServiceRefusesAJwksHoldingAPrivateKeyAndTheGatewayAKeyWithoutOne() {
        String privateJwks = new JWKSet(GATEWAY_KEY).toString(false);

        assertThatThrownBy(() -> InternalTokenVerifier.fromJwks(privateJwks, "billing-service", Duration.ofSeconds(5), clock,
                "TOLLGATE_INTERNAL_JWKS")).hasMessageContaining("TOLLGATE_INTERNAL_JWKS").hasMessageContaining("private");
        assertThatThrownBy(() -> InternalTokenIssuer.fromJwk(GATEWAY_KEY.toPublicJWK().toJSONString(), Duration.ofSeconds(60), clock,
                "TOLLGATE_INTERNAL_SIGNING_KEY")).hasMessageContaining("TOLLGATE_INTERNAL_SIGNING_KEY");
        assertThatThrownBy(() -> InternalTokenIssuer.fromJwk("secret", Duration.ofSeconds(60), clock,
                "TOLLGATE_INTERNAL_SIGNING_KEY")).hasMessageContaining("TOLLGATE_INTERNAL_SIGNING_KEY");
    }

    @Test
    void aServiceReadsTheJwksItIsConfiguredWith() {
        String jwks = new JWKSet(GATEWAY_KEY.toPublicJWK()).toString();
        InternalTokenVerifier configured = InternalTokenVerifier.fromJwks(jwks, "billing-service", Duration.ofSeconds(5), clock,
                "TOLLGATE_INTERNAL_JWKS");

        assertThat(configured.verify(issuer.tokenFor(CALLER, "billing-service"))).contains(CALLER);
    }

    private InternalTokenVerifier verifier(OctetKeyPair key, String audience) {
        return new InternalTokenVerifier(new JWKSet(key.toPublicJWK()), audience, Duration.ofSeconds(5), clock);
    }

    private static JWTClaimsSet.Builder claims(Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder().issuer(InternalToken.ISSUER).audience("billing-service").subject("user_1")
                .claim(InternalToken.ACCOUNT_ID, "acct_1").issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt));
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
    }

    /** A clock a test moves by hand, shared by the issuer, the verifier and their caches. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
