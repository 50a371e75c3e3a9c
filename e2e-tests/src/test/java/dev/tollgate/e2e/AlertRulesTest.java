package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The alert rules are valid for Prometheus ({@code promtool check rules}, where promtool is installed:
 * {@code apt-get install prometheus} brings it) and each names a runbook that docs/operations.md has.
 * No platform needed; the metrics they use are checked against a running platform by
 * {@link OperationsSignalsTest}.
 */
class AlertRulesTest {

    @Test
    void theAlertRulesPassPromtool() throws Exception {
        Optional<Path> promtool = onPath("promtool");
        assumeTrue(promtool.isPresent(), "promtool is not installed here (apt-get install prometheus); rules not checked");
        Process check = new ProcessBuilder(promtool.get().toString(), "check", "rules",
                MetricNames.DEPLOY.resolve("prometheus/alerts.yml").toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void everyAlertHasARunbookParagraphInTheOperationsGuide() throws Exception {
        String rules = Files.readString(MetricNames.DEPLOY.resolve("prometheus/alerts.yml"));
        String guide = Files.readString(MetricNames.DEPLOY.resolveSibling("docs").resolve("operations.md"));
        var alerts = rules.lines().map(String::trim).filter(line -> line.startsWith("- alert:"))
                .map(line -> line.substring("- alert:".length()).trim()).toList();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
        for (String alert : alerts) {
            assertThat(guide).as("runbook of " + alert).contains("### " + alert + "\n");
            assertThat(rules).as("runbook link of " + alert).contains("docs/operations.md#" + alert.toLowerCase());
        }
    }

    private static Optional<Path> onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
    }
}
