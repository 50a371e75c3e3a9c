package dev.tollgate.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.secrets.RequiredSecretsEnvironmentPostProcessor;

/**
 * A service on a real Tomcat: its filter, not its controllers, decides. The controller here never
 * asks for the caller, so only the filter stands between a request and its answer.
 */
@SpringBootTest(classes = ServiceIdentityOverHttpTest.TestService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.application.name=test-service", "spring.config.import=classpath:tollgate-platform.yml",
                "tollgate.identity.public-paths=GET /api/open",
                "spring.autoconfigure.exclude=dev.tollgate.platform.kafka.KafkaPlatformConfiguration" })
class ServiceIdentityOverHttpTest {

    private static final InternalTokenIssuer GATEWAY = InternalTokenIssuer.fromJwk(
            RequiredSecretsEnvironmentPostProcessor.developmentValues().get("tollgate.gateway.internal-identity.signing-key"),
            Duration.ofSeconds(60), Clock.systemUTC(), "signing key");

    @LocalServerPort
    int port;
    @Value("${tollgate.identity.jwks}")
    String jwks;

    @Test
    void aControllerThatNeverAsksForTheCallerIsStillGuarded() throws Exception {
        assertThat(status("/api/things/mine", Map.of())).isEqualTo(401);
        assertThat(status("/api/things/mine", Map.of(IdentityHeaders.IDENTITY, token("test-service")))).isEqualTo(200);
        assertThat(status("/api/things/mine", Map.of(IdentityHeaders.IDENTITY, token("other-service")))).isEqualTo(401);
        assertThat(status("/api/open", Map.of())).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api;x=1/things/mine", "//api/things/mine", "/api//things/mine", "/api/things;x=1/mine",
            "/%61pi/things/mine", "/api/open/../things/mine", "/api/open/%2e%2e/things/mine", "/api/open;x=/../things/mine",
            "/actuator/../api/things/mine", "/actuator/%2e%2e/api/things/mine", "/error/../api/things/mine", "/API/things/mine",
            "/api/open%2f..%2fthings/mine", "/api/open/..;/things/mine" })
    void noVariantOfAPathReachesAGuardedControllerWithoutAToken(String path) throws Exception {
        int status = status(path, Map.of());

        assertThat(status).as(path).isIn(400, 401, 404);
    }

    private static String token(String audience) {
        return GATEWAY.tokenFor(new CallerIdentity("user_1", "acct_1", null, List.of()), audience);
    }

    /** A raw HTTP/1.1 request, so the path reaches Tomcat exactly as written (no client normalizes it). */
    private int status(String path, Map<String, String> headers) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    @SpringBootApplication
    static class TestService {

        @RestController
        static class Things {

            @GetMapping({ "/api/things/mine", "/api/open" })
            String mine() {
                return "{}";
            }
        }
    }
}
