package dev.tollgate.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tollgate.benchmark.GatlingRun.Figure;

/**
 * {@code ./tollgate bench}: starts the local platform with production JVM settings, measures it, stops
 * it, and prints each figure beside its baseline and the target of docs/performance.md. Settings are
 * environment variables ({@code BENCH_*}, see docs/performance.md); figures go to
 * {@code .run/benchmark/<time>.md}.
 */
public final class Benchmark {

    private static final String GATEWAY = "http://localhost:8080";

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = env("BENCH_SECONDS", 20);
        int users = env("BENCH_USERS", 32);
        int rate = env("BENCH_RATE", 1000);
        Path out = Path.of(".run", "benchmark");
        Files.createDirectories(out);
        String stamp = Instant.now().toString().replace(":", "").substring(0, 15);
        Path results = out.resolve("gatling-" + stamp);
        GatlingRun gatling = new GatlingRun(results, out.resolve("gatling-" + stamp + ".log"));
        Report report = new Report();

        try (LocalRun platform = LocalRun.start(Duration.ofMinutes(5))) {
            report.line("Start-up, launcher to every process ready", "%.1f s", platform.startupSeconds(), "<= 30 s");
            report.line("Memory of the JVMs, idle", "%.0f MiB", platform.jvmMemoryMiB(), "<= 2048 MiB");

            String secret = platform.webhookSecret();
            StripeWebhooks webhooks = new StripeWebhooks(GATEWAY, secret);
            Accounts accounts = new Accounts(GATEWAY);
            Path tokens = out.resolve("tokens-" + stamp + ".txt");
            Files.write(tokens, Setup.grantedAccounts(webhooks, accounts, "acct_check_" + stamp.substring(9), users));

            Map<String, Object> common = Map.of("bench.seconds", seconds, "bench.users", users);
            Figure noopGateway = gatling.run("noop-gateway", HttpLoadSimulation.class,
                    with(common, "bench.base", GATEWAY, "bench.path", "/livez"));
            Figure noopService = gatling.run("noop-entitlement-service", HttpLoadSimulation.class,
                    with(common, "bench.base", System.getenv().getOrDefault("BENCH_SERVICE_BASE", "http://localhost:8083"),
                            "bench.path", System.getenv().getOrDefault("BENCH_SERVICE_NOOP_PATH", "/livez")));
            Figure check = gatling.run("check-gateway", HttpLoadSimulation.class,
                    with(common, "bench.base", GATEWAY, "bench.path", "/api/entitlements/me", "bench.tokens", tokens.toAbsolutePath()));
            Figure checkAtRate = gatling.run("check-gateway-fixed-rate", HttpLoadSimulation.class,
                    with(common, "bench.base", GATEWAY, "bench.path", "/api/entitlements/me", "bench.tokens", tokens.toAbsolutePath(),
                            "bench.rate", rate));
            Figure consume = gatling.run("consume-gateway", HttpLoadSimulation.class,
                    with(common, "bench.base", GATEWAY, "bench.path", "/api/entitlements/me/ai_agents/consume", "bench.method", "POST",
                            "bench.body", "{\"amount\":1}", "bench.tokens", tokens.toAbsolutePath()));
            report.gatling("No-op, gateway (/livez)", noopGateway, null, null);
            report.gatling("No-op, entitlement-service directly", noopService, null, null);
            report.gatling("Entitlement check through the gateway", check, noopGateway, ">= 50 % of the gateway's no-op");
            report.line("  p99 at a fixed " + rate + " req/s", "%.0f ms", checkAtRate.p99(), "<= 10 ms");
            report.line("  failed at that rate", "%.0f", (double) checkAtRate.failed(), "0");
            report.gatling("Consume (unlimited feature) through the gateway", consume, noopGateway, null);

            Convergence convergence = new Convergence(webhooks, accounts);
            List<Double> idle = convergence.idle(env("BENCH_IDLE_SAMPLES", 50));
            report.line("Idle convergence webhook -> entitlements, p50", "%.0f ms", Convergence.percentile(idle, 50), null);
            report.line("Idle convergence webhook -> entitlements, p99", "%.0f ms", Convergence.percentile(idle, 99), "<= 100 ms");
            Convergence.Burst burst = convergence.burst(env("BENCH_BURST_ACCOUNTS", 100), env("BENCH_BURST_PER_ACCOUNT", 20),
                    env("BENCH_BURST_IN_FLIGHT", 64));
            report.line("Burst: %d events (+%d duplicates) for %d accounts, converged in".formatted(burst.events(),
                    burst.duplicates(), burst.accounts()), "%.1f s", burst.convergedSeconds(), null);
            report.line("  applied end to end", "%.0f events/s", burst.eventsPerSecond(), ">= 1000 events/s");
            report.line("  of which sending took", "%.1f s", burst.sendSeconds(), null);
            report.line("  webhooks not answered 200", "%.0f", (double) burst.refused(), "0");

            double raw = RawProducer.recordsPerSecond(platform.kafkaBootstrap(), env("BENCH_RAW_RECORDS", 50_000), 1_400);
            Figure ingest = gatling.run("webhook-ingest", WebhookIngestSimulation.class,
                    with(common, "bench.base", GATEWAY, "bench.webhook-secret", secret, "bench.prefix", "acct_ingest_" + stamp.substring(9)));
            report.line("Raw Kafka producer, acks=all, same broker", "%.0f records/s", raw, null);
            report.gatling("Webhook ingest (acknowledged before 200)", ingest, null, ">= 2000/s, p99 <= 50 ms");
            report.line("  ingest / raw producer", "%.0f %%", 100 * ingest.perSecond() / raw, null);
            report.line("Memory of the JVMs, after the load", "%.0f MiB", platform.jvmMemoryMiB(), "<= 2048 MiB");
        }
        Path file = out.resolve(stamp + ".md");
        Files.writeString(file, report.markdown(Machine.describe()));
        System.out.println(report.markdown(Machine.describe()));
        System.out.println("Figures written to " + file + "; Gatling's reports in " + results);
    }

    private static Map<String, Object> with(Map<String, Object> common, Object... pairs) {
        Map<String, Object> properties = new LinkedHashMap<>(common);
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put((String) pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    /** The printed table: what, figure, target, and for HTTP figures the ratio to their baseline. */
    static final class Report {

        private final List<String> rows = new ArrayList<>();

        void line(String what, String format, double value, String target) {
            rows.add("| %s | %s | %s |".formatted(what, String.format(Locale.ROOT, format, value), target == null ? "" : target));
        }

        void gatling(String what, Figure figure, Figure baseline, String target) {
            String ratio = baseline == null ? "" : String.format(Locale.ROOT, " (%.0f %% of the no-op)",
                    100 * figure.perSecond() / baseline.perSecond());
            rows.add(String.format(Locale.ROOT, "| %s | %.0f req/s%s, p50 %.0f ms, p99 %.0f ms, %d of %d failed | %s |", what,
                    figure.perSecond(), ratio, figure.p50(), figure.p99(), figure.failed(), figure.requests(),
                    target == null ? "" : target));
        }

        String markdown(String machine) {
            return "Machine: " + machine + "\n\n| what | figure | target |\n|---|---|---|\n" + String.join("\n", rows) + "\n";
        }
    }
}
