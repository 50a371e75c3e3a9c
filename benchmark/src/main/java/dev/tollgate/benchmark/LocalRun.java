package dev.tollgate.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local platform ({@code local-platform}'s launcher, the same as {@code ./tollgate start}) started
 * for the benchmark with production JVM settings and rate limits out of the way (the limiter still
 * runs on every request; only its quotas are raised), measured from launch until it is ready.
 */
final class LocalRun implements AutoCloseable {

    /** Production settings for each service's JVM: the full JIT (C2), a heap sized like the local run's. */
    static final String PRODUCTION_JVM_OPTIONS = "-Xms128m -Xmx256m -XX:+UseParallelGC";

    private static final Path READY = Path.of(".run", "ready");

    private final Process launcher;
    private final double startupSeconds;

    private LocalRun(Process launcher, double startupSeconds) {
        this.launcher = launcher;
        this.startupSeconds = startupSeconds;
    }

    static LocalRun start(Duration timeout) throws IOException, InterruptedException {
        Path jar = Path.of("local-platform", "target", "local-platform-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./tollgate bench, which builds it");
        }
        Files.deleteIfExists(READY);
        Files.createDirectories(Path.of(".run", "logs"));
        // The launcher's heap capped as ./tollgate start caps it (it hosts Kafka, the mail catcher and the Stripe emulator),
        // or as TOLLGATE_LAUNCHER_JVM_OPTIONS says.
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(System.getenv().getOrDefault("TOLLGATE_LAUNCHER_JVM_OPTIONS", "-Xmx512m").trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(Path.of(".run", "logs", "launcher.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("TOLLGATE_JVM_OPTIONS", System.getenv().getOrDefault("BENCH_JVM_OPTIONS", PRODUCTION_JVM_OPTIONS));
        env.put("TOLLGATE_RATE_LIMIT_DEFAULT_PER_MINUTE", "1000000000");
        env.put("TOLLGATE_RATE_LIMIT_DEFAULT_PER_DAY", "1000000000");
        long start = System.nanoTime();
        Process launcher = builder.start();
        // Ctrl-C ends the benchmark before close(): the launcher still stops everything it started.
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::destroy, "bench-stop-platform"));
        long deadline = start + timeout.toNanos();
        while (!Files.exists(READY)) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the platform did not start; see .run/logs/");
            }
            if (System.nanoTime() > deadline) {
                new LocalRun(launcher, Double.NaN).close();
                throw new IllegalStateException("the platform was not ready within " + timeout + "; see .run/logs/");
            }
            launcher.waitFor(100, TimeUnit.MILLISECONDS);
        }
        return new LocalRun(launcher, (System.nanoTime() - start) / 1e9);
    }

    double startupSeconds() {
        return startupSeconds;
    }

    /** The resident memory of the launcher and every JVM it started (PostgreSQL's processes are not JVMs). */
    double jvmMemoryMiB() {
        long kib = Stream.concat(Stream.of(launcher.toHandle()), launcher.descendants())
                .filter(process -> process.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .mapToLong(process -> residentKiB(process.pid())).sum();
        return kib / 1024.0;
    }

    private static long residentKiB(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("VmRSS:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (IOException | NumberFormatException gone) {
            return 0;
        }
    }

    String webhookSecret() throws IOException, InterruptedException {
        Process secret = new ProcessBuilder("bash", "tollgate", "webhook-secret").redirectErrorStream(true).start();
        String value = new String(secret.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (secret.waitFor() != 0 || value.isEmpty()) {
            throw new IllegalStateException("./tollgate webhook-secret gave no secret: " + value);
        }
        return value;
    }

    String kafkaBootstrap() {
        return "localhost:" + System.getenv().getOrDefault("TOLLGATE_KAFKA_PORT", "9092");
    }

    @Override
    public void close() throws InterruptedException {
        launcher.destroy();
        if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
        }
    }
}
