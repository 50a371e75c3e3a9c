package dev.tollgate.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.Ed25519Jws;
import dev.tollgate.platform.identity.IdentityHeaders;
import dev.tollgate.platform.identity.InternalTokenIssuer;
import dev.tollgate.platform.identity.InternalTokenVerifier;

class InternalIdentityForwardingTest {

    private static final OctetKeyPair KEY = Ed25519Jws.generate("gateway-1");
    private static final CallerIdentity CALLER = new CallerIdentity("user_1", "acct_1", null, List.of());

    private final InternalIdentityForwarding forwarding = new InternalIdentityForwarding(
            new InternalTokenIssuer(KEY, Duration.ofSeconds(60), Clock.systemUTC()),
            Map.of("billing", "billing-service", "entitlements", "entitlement-service"));

    @Test
    void theTokenIsForTheServiceThePathRoutesTo() {
        String token = forwarding.headersFor(CALLER, "/api/entitlements/me").get(IdentityHeaders.IDENTITY);

        assertThat(verifier("entitlement-service").verify(token)).contains(CALLER);
        assertThat(verifier("billing-service").verify(token)).isEmpty();
    }

    @Test
    void thePathSegmentDecidesNotAPrefixOfIt() {
        assertThat(forwarding.audienceOf("/api/billing")).isEqualTo("billing-service");
        assertThat(forwarding.audienceOf("/api/billing/plans")).isEqualTo("billing-service");
        assertThat(forwarding.audienceOf("/api/billingx/plans")).isNull();
        assertThat(forwarding.audienceOf("/webhooks/stripe")).isNull();
        assertThat(forwarding.headersFor(CALLER, "/api/unknown/x")).isEmpty();
    }

    private static InternalTokenVerifier verifier(String service) {
        return new InternalTokenVerifier(new JWKSet(KEY.toPublicJWK()), service, Duration.ofSeconds(5), Clock.systemUTC());
    }
}
