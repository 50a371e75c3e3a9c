package dev.tollgate.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.gateway.GatewayApplication;
import dev.tollgate.gateway.GatewayDatabase;
import dev.tollgate.platform.test.FreePorts;
import dev.tollgate.platform.test.TestKafka;

/**
 * Swagger UI at {@code /docs} rendered by a real headless Chromium: the page runs the UI's scripts, which
 * fetch {@code /v3/api-docs} and draw the gateway's operations. Skipped where no Chromium is installed
 * (CI machines have none; {@code apt-get install chromium} gives one).
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME,
                "tollgate.stripe.webhook.secret=whsec_swagger_ui_test", "tollgate.gateway.jwt.dev-issuer-enabled=true",
                "tollgate.gateway.api-docs.fetch-timeout=1s" })
class SwaggerUiInABrowserTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        GatewayDatabase.register(registry);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        // No service answers: the UI shows the gateway's own endpoints and says which services are missing.
        for (String service : List.of("BILLING", "SUBSCRIPTION", "ENTITLEMENT", "COMMUNITY", "TICKET", "NOTIFICATION")) {
            registry.add("TOLLGATE_" + service + "_URL", () -> "http://127.0.0.1:" + FreePorts.next());
        }
    }

    @Test
    void swaggerUiLoadsAtDocsInAHeadlessBrowserAndShowsTheOperations() throws Exception {
        Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(chromium != null, "No Chromium installed (/usr/bin/chromium); the browser check of /docs is skipped");

        String dom = dumpDom(chromium, "http://localhost:" + port + "/docs");

        assertThat(dom).contains("swagger-ui").contains("Tollgate API").contains("/webhooks/stripe")
                .contains("/readyz");
    }

    private static String dumpDom(Path chromium, String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = Files.createTempFile("dom", ".html");
        // --virtual-time-budget lets the page's scripts and its fetch of /v3/api-docs finish before the DOM is dumped.
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom", url)
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
