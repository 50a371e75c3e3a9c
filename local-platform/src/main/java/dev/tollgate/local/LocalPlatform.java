package dev.tollgate.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.tollgate.platform.test.StandaloneKafka;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Starts the whole platform on this machine, with nothing installed but a JDK. */
public final class LocalPlatform {

    private static final Path RUN = Path.of(".run");
    private static final int POSTGRES_PORT = env("TOLLGATE_POSTGRES_PORT", 5432);
    private static final int KAFKA_PORT = env("TOLLGATE_KAFKA_PORT", 9092);
    private static final int SMTP_PORT = env("TOLLGATE_SMTP_PORT", 1025);
    private static final int MAIL_UI_PORT = env("TOLLGATE_MAIL_UI_PORT", 8025);
    private static final int GATEWAY_MANAGEMENT_PORT = env("TOLLGATE_GATEWAY_MANAGEMENT_PORT", 9080);
    private static final int STRIPE_STUB_PORT = env("TOLLGATE_STRIPE_EMULATOR_PORT", env("TOLLGATE_STRIPE_STUB_PORT", 12111));
    /** With a Stripe key the platform talks to Stripe itself; without one, to the offline emulator. */
    private static final boolean REAL_STRIPE = System.getenv("STRIPE_API_KEY") != null && !System.getenv("STRIPE_API_KEY").isBlank();
    /**
     * Every service's JVM options. The default favours a quick start on a laptop over throughput (C1
     * only, no C2: start-up settings for the local run alone); {@code ./tollgate bench} runs them with
     * production settings instead ({@code TOLLGATE_JVM_OPTIONS}).
     */
    private static final List<String> JVM_OPTIONS = List.of(System.getenv().getOrDefault("TOLLGATE_JVM_OPTIONS",
            "-Xmx256m -XX:TieredStopAtLevel=1").trim().split("\\s+"));
    /**
     * With {@code TOLLGATE_AOT_CACHE=true} each service starts from a JDK AOT cache a training run made
     * from its jar (JDK 25 and later; {@link AotCache}). Off by default until its gain is measured on an
     * idle machine (docs/performance.md); without it the services start from their jars as they are.
     */
    private static final boolean AOT_CACHE = AotCache.supported()
            && "true".equalsIgnoreCase(System.getenv().getOrDefault("TOLLGATE_AOT_CACHE", "false"));

    /** Service name to HTTP port; the gateway last, once everything behind it answers. */
    private static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("billing-service", 8081);
        SERVICES.put("subscription-service", 8082);
        SERVICES.put("entitlement-service", 8083);
        SERVICES.put("community-service", 8084);
        SERVICES.put("ticket-service", 8085);
        SERVICES.put("notification-service", 8086);
        SERVICES.put("gateway", 8080);
    }

    private final List<Process> processes = new ArrayList<>();
    /** AOT cache training runs under way, stopped with everything else. */
    private final List<Process> training = new CopyOnWriteArrayList<>();
    private String kafkaBootstrap;
    private final List<AutoCloseable> infrastructure = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "replay-dlt".equals(args[0])) {
            DeadLetterReplay.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        LocalPlatform platform = new LocalPlatform();
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "tollgate-stop"));
        try {
            platform.start();
        } catch (Exception e) {
            System.err.println("Tollgate could not start: " + e.getMessage());
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    private void start() throws Exception {
        Files.createDirectories(RUN.resolve("logs"));
        Files.deleteIfExists(RUN.resolve("ready"));
        say("PostgreSQL", "localhost:" + POSTGRES_PORT + " (data in .run/postgres)");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(POSTGRES_PORT)
                .setDataDirectory(RUN.resolve("postgres")).setCleanDataDirectory(false).start();
        infrastructure.add(postgres);
        createDatabases(postgres);

        StandaloneKafka kafka = new StandaloneKafka(KAFKA_PORT, RUN.resolve("kafka")).start();
        infrastructure.add(kafka);
        kafkaBootstrap = kafka.bootstrapServers();
        say("Kafka (KRaft)", kafkaBootstrap + " (data in .run/kafka)");

        say("SMTP catcher", "smtp://localhost:" + SMTP_PORT + ", mail at http://localhost:" + MAIL_UI_PORT);
        infrastructure.add(MailCatcher.start(SMTP_PORT, MAIL_UI_PORT));

        if (REAL_STRIPE) {
            say("Stripe", "your account (STRIPE_API_KEY); webhooks: stripe listen --forward-to localhost:8080/webhooks/stripe");
        } else {
            say("Stripe emulator", "http://localhost:" + STRIPE_STUB_PORT + " (offline Stripe: checkout pages, test clocks)");
            infrastructure.add(LocalStripe.start(STRIPE_STUB_PORT));
        }

        String java = ProcessHandle.current().info().command().orElse("java");
        Map<String, AotCache> caches = AOT_CACHE ? train(java) : Map.of();
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            say(service.getKey(), "http://localhost:" + service.getValue());
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(JVM_OPTIONS);
            AotCache cache = caches.get(service.getKey());
            command.addAll(cache == null ? List.of("-jar", runnableJar(service.getKey()).toString()) : cache.launchArguments());
            processes.add(launch(command, service.getKey(), service.getValue(), service.getKey()));
        }
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            awaitReady(service.getKey(), service.getValue());
        }
        String urls = """

                Tollgate is up.
                  Gateway (API, webhooks)  http://localhost:8080   (/api/**, POST /webhooks/stripe, POST /dev/tokens)
                  Gateway probes           http://localhost:8080/livez, http://localhost:8080/readyz
                  API docs (Swagger UI)    http://localhost:8080/docs   (OpenAPI 3.1: http://localhost:8080/v3/api-docs)
                  Metrics                  http://localhost:%d/actuator/prometheus (the gateway's management port;
                                           every service: /actuator/prometheus on its management port, 9081 ... 9086)
                  Webhook secret           ./tollgate webhook-secret (development only)
                %s
                  Mail                     http://localhost:%d
                  Kafka                    %s
                  Logs                     .run/logs/
                Stop everything with: ./tollgate stop
                """.formatted(GATEWAY_MANAGEMENT_PORT, REAL_STRIPE ? "  Stripe                   your account (STRIPE_API_KEY)"
                : "  Stripe emulator          http://localhost:" + STRIPE_STUB_PORT + "   (checkout pages, customers, time travel)",
                MAIL_UI_PORT, kafkaBootstrap);
        System.out.println(urls);
        Files.writeString(RUN.resolve("ready"), urls);
    }

    private static void createDatabases(EmbeddedPostgres postgres) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            // The gateway's database (tollgate_gateway) holds the rate-limit buckets every replica shares.
            for (String service : SERVICES.keySet()) {
                String database = database(service);
                try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                    if (!exists.next()) {
                        statement.execute("CREATE DATABASE " + database);
                    }
                }
            }
        }
    }

    private static String database(String service) {
        return "tollgate_" + service.replace("-service", "");
    }

    /**
     * Makes sure every service has a fresh AOT cache: the services whose jar, JVM or options changed since
     * their last training run (after a build, the first time) are trained, all at once, before anything
     * starts. A training run that fails only costs its service the cache; the service then starts as before.
     */
    private Map<String, AotCache> train(String java) throws Exception {
        Map<String, AotCache> caches = new LinkedHashMap<>();
        Map<String, Process> extractions = new LinkedHashMap<>();
        for (String service : SERVICES.keySet()) {
            AotCache cache = AotCache.of(RUN.resolve("aot"), service, runnableJar(service), JVM_OPTIONS);
            caches.put(service, cache);
            if (!cache.trained()) {
                extractions.put(service, cache.startExtraction(java, log(service + "-extract")));
            }
        }
        if (extractions.isEmpty()) {
            return caches;
        }
        say("AOT caches", "training " + String.join(", ", extractions.keySet()) + " (once per build; .run/aot)");
        Map<String, Process> runs = new LinkedHashMap<>();
        for (Map.Entry<String, Process> extraction : extractions.entrySet()) {
            String service = extraction.getKey();
            training.add(extraction.getValue());
            if (finished(extraction.getValue())) {
                Process run = launch(caches.get(service).trainingCommand(java, JVM_OPTIONS), service, SERVICES.get(service), service + "-training");
                training.add(run);
                runs.put(service, run);
            } else {
                say(service, "no AOT cache (could not extract its jar; see .run/logs/" + service + "-extract.log)");
            }
        }
        for (Map.Entry<String, Process> run : runs.entrySet()) {
            if (!caches.get(run.getKey()).markTrained(finished(run.getValue()))) {
                say(run.getKey(), "no AOT cache (training failed; see .run/logs/" + run.getKey() + "-training.log)");
            }
        }
        training.clear();
        return caches;
    }

    /** Whether an extraction or training run ended well; generous, since on a loaded machine one takes minutes. */
    private static boolean finished(Process process) throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    private static Path log(String name) {
        return RUN.resolve("logs").resolve(name + ".log");
    }

    private static Path runnableJar(String service) {
        Path jar = Path.of(service, "target", service + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; run ./tollgate start, which builds it first");
        }
        return jar;
    }

    private Process launch(List<String> command, String service, int port, String logName) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(logName).toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("DATABASE_URL", "jdbc:postgresql://localhost:" + POSTGRES_PORT + "/" + database(service));
        // The development values of tollgate-local.yml: database password, webhook secret, identity keys, dev issuer on.
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("DATABASE_USERNAME", "postgres");
        env.put("SMTP_HOST", "localhost");
        env.put("SMTP_PORT", Integer.toString(SMTP_PORT));
        if (!REAL_STRIPE) {
            env.put("STRIPE_API_BASE", "http://localhost:" + STRIPE_STUB_PORT);
            // Back from the emulator's checkout page to its own "paid" page (with time travel), unless set otherwise.
            env.putIfAbsent("TOLLGATE_CHECKOUT_SUCCESS_URL", "http://localhost:" + STRIPE_STUB_PORT + "/success?session_id={CHECKOUT_SESSION_ID}");
            env.putIfAbsent("TOLLGATE_CHECKOUT_CANCEL_URL", "http://localhost:" + STRIPE_STUB_PORT + "/");
        }
        if (service.equals("gateway")) {
            env.put("MANAGEMENT_PORT", Integer.toString(GATEWAY_MANAGEMENT_PORT));
        } else {
            // Each service's actuator on its own management port: its API port + 1000 (9081 ... 9086).
            env.put("MANAGEMENT_PORT", Integer.toString(managementPort(port)));
        }
        return builder.start();
    }

    /** A service's management (actuator) port: 8081 -> 9081, as in its own yml. */
    static int managementPort(int apiPort) {
        return apiPort + 1000;
    }

    private void awaitReady(String service, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // Every process answers its probes on the API port at /readyz; its actuator is on the management port.
        String path = "/readyz";
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            Process process = processes.get(List.copyOf(SERVICES.keySet()).indexOf(service));
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited; see .run/logs/" + service + ".log");
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    say(service, "ready");
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(service + " did not become ready in time; see .run/logs/" + service + ".log");
    }

    private void stop() {
        training.forEach(Process::destroyForcibly);
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        infrastructure.reversed().forEach(resource -> {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        });
        try {
            Files.deleteIfExists(RUN.resolve("ready"));
        } catch (IOException ignored) {
            // nothing left to tidy
        }
    }

    private static void say(String what, String where) {
        System.out.printf("  %-22s %s%n", what, where);
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}
