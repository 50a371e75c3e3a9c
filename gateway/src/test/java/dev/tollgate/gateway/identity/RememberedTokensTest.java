package dev.tollgate.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/** A verified bearer token is remembered, never beyond its expiry and never for another token. */
class RememberedTokensTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T00:00:00Z"));
    private final DevTokenIssuer issuer = new DevTokenIssuer("https://id.example.com", "tollgate-api", "account_id", clock);
    private final AtomicInteger keyLookups = new AtomicInteger();
    private final JwtVerifier verifier = new JwtVerifier(counting(new ImmutableJWKSet<>(issuer.publicKeys())),
            "https://id.example.com", "tollgate-api", "account_id", clock, Duration.ofMinutes(5));

    @Test
    void aTokenVerifiedOnceIsNotCheckedAgainstTheKeysOnItsNextRequest() {
        String token = mint(Duration.ofMinutes(10));

        assertThat(verifier.verify(token).accountId()).isEqualTo("acct_remembered");
        assertThat(verifier.verify(token).accountId()).isEqualTo("acct_remembered");

        assertThat(keyLookups).as("the signature was checked once").hasValue(1);
    }

    @Test
    void aRememberedTokenIsRefusedFromTheInstantAFreshOneWouldBe() {
        String token = mint(Duration.ofMinutes(2));
        verifier.verify(token);

        clock.advance(Duration.ofMinutes(2).plusSeconds(59));
        assertThat(verifier.verify(token).accountId()).as("within Nimbus's 60 s clock skew").isEqualTo("acct_remembered");

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(JwtVerifier.InvalidTokenException.class)
                .hasMessageContaining("xpired");
    }

    @Test
    void aTokenDifferingFromARememberedOneIsVerifiedOnItsOwn() {
        String token = mint(Duration.ofMinutes(10));
        verifier.verify(token);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String forged = token.substring(0, token.lastIndexOf('.') + 1)
                + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);

        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(JwtVerifier.InvalidTokenException.class);
    }

    private String mint(Duration ttl) {
        return issuer.mint("user_remembered", "acct_remembered", "owner@example.com", List.of("owner"), ttl).token();
    }

    private JWKSource<SecurityContext> counting(JWKSource<SecurityContext> keys) {
        return (selector, context) -> {
            keyLookups.incrementAndGet();
            List<JWK> found = keys.get(selector, context);
            return found;
        };
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
