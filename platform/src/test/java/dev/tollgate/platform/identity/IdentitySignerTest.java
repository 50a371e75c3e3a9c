package dev.tollgate.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IdentitySignerTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final CallerIdentity ANA = new CallerIdentity("user_ana", "acct_1", "ana@example.com", List.of("owner", "billing"));

    private final IdentitySigner signer = new IdentitySigner(SECRET, Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void headersSignedByTheGatewayVerifyToTheSameCaller() {
        Map<String, String> headers = signer.sign(ANA);

        assertThat(signer.verify(headers::get)).contains(ANA);
    }

    @Test
    void changingTheAccountBreaksTheSignature() {
        Map<String, String> headers = new HashMap<>(signer.sign(ANA));
        headers.put(IdentityHeaders.ACCOUNT_ID, "acct_2");

        assertThat(signer.verify(headers::get)).isEmpty();
    }

    @Test
    void addingARoleBreaksTheSignature() {
        Map<String, String> headers = new HashMap<>(signer.sign(ANA));
        headers.put(IdentityHeaders.ROLES, "owner,billing,admin");

        assertThat(signer.verify(headers::get)).isEmpty();
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        IdentitySigner other = new IdentitySigner("another-secret-of-at-least-thirty-two-chars", Duration.ofSeconds(60),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(signer.verify(other.sign(ANA)::get)).isEmpty();
    }

    @Test
    void aSignatureOlderThanTheMaximumAgeIsRefused() {
        Map<String, String> headers = signer.sign(ANA);
        IdentitySigner later = new IdentitySigner(SECRET, Duration.ofSeconds(60), Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC));

        assertThat(later.verify(headers::get)).isEmpty();
    }

    @Test
    void unsignedHeadersAreRefused() {
        Map<String, String> headers = new HashMap<>(signer.sign(ANA));
        headers.remove(IdentityHeaders.SIGNATURE);

        assertThat(signer.verify(headers::get)).isEmpty();
    }

    @Test
    void aShortSecretIsRejectedAtStartUp() {
        assertThatThrownBy(() -> new IdentitySigner("short", Duration.ofSeconds(60), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
