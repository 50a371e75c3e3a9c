package dev.tollgate.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one Gatling simulation in a JVM of its own (Gatling's launcher ends its JVM when done) and
 * reads its figures from the report Gatling writes ({@code js/stats.json}: the global counts,
 * throughput and percentiles of all requests).
 */
final class GatlingRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path results;
    private final Path log;

    GatlingRun(Path results, Path log) {
        this.results = results;
        this.log = log;
    }

    /** The figures of {@code simulation} run with {@code properties} as system properties. */
    Figure run(String name, Class<?> simulation, Map<String, Object> properties) throws IOException, InterruptedException {
        Path folder = results.resolve(name);
        Files.createDirectories(folder);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g", "-cp", System.getProperty("java.class.path")));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("io.gatling.app.Gatling", "--simulation", simulation.getName(), "--results-folder",
                folder.toAbsolutePath().toString(), "--launcher", "tollgate-bench"));
        Process gatling = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        int exit = gatling.waitFor();
        Path stats;
        try (Stream<Path> files = Files.walk(folder)) {
            stats = files.filter(file -> file.getFileName().toString().equals("stats.json")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Gatling (exit " + exit + ") wrote no report for " + name
                            + "; see " + log));
        }
        JsonNode global = JSON.readTree(stats.toFile()).path("stats");
        return new Figure(name, global.path("numberOfRequests").path("total").asLong(),
                global.path("numberOfRequests").path("ko").asLong(),
                global.path("meanNumberOfRequestsPerSecond").path("total").asDouble(),
                global.path("percentiles1").path("total").asDouble(), global.path("percentiles4").path("total").asDouble());
    }

    /**
     * @param p50 milliseconds (Gatling's first percentile setting, 50 by default)
     * @param p99 milliseconds (its fourth, 99)
     */
    record Figure(String name, long requests, long failed, double perSecond, double p50, double p99) {
    }
}
