package dev.tollgate.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one Gatling simulation in a JVM of its own (Gatling's launcher ends its JVM when done) and
 * reads its figures from the summary Gatling prints: the global counts, throughput and percentiles of
 * all requests.
 */
final class GatlingRun {

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
                // Gatling's log writer reads String internals, as its own launchers allow.
                "-Xmx1g", "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("io.gatling.app.Gatling", "--simulation", simulation.getName(), "--results-folder",
                folder.toAbsolutePath().toString(), "--launcher", "tollgate-bench"));
        Path output = folder.resolve("gatling.out");
        Process gatling = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        int exit = gatling.waitFor();
        Files.writeString(log, Files.readString(output), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        String summary = Files.readString(output);
        if (exit != 0 || !summary.contains("Global Information")) {
            throw new IllegalStateException("Gatling (exit " + exit + ") printed no summary for " + name + "; see " + output);
        }
        return new Figure(name, (long) number(summary, "request count", 1), (long) number(summary, "request count", 3),
                number(summary, "mean throughput \\(rps\\)", 1), number(summary, "response time 50th percentile \\(ms\\)", 1),
                number(summary, "response time 99th percentile \\(ms\\)", 1));
    }

    /**
     * A column of a line of Gatling's "Global Information" table ({@code > what | total | ok | ko}); the
     * console summary is what Gatling 3.14 prints on every run (its HTML report keeps no JSON). "-" is 0.
     */
    static double number(String summary, String what, int column) {
        Matcher line = Pattern.compile("> " + what + "\\s*\\|([^\\n]*)").matcher(summary);
        if (!line.find()) {
            throw new IllegalStateException("Gatling's summary has no line '" + what + "'");
        }
        String cell = line.group(1).split("\\|")[column - 1].trim().replace(",", "");
        return cell.equals("-") ? 0 : Double.parseDouble(cell);
    }

    /**
     * @param p50 milliseconds (Gatling's first percentile setting, 50 by default)
     * @param p99 milliseconds (its fourth, 99)
     */
    record Figure(String name, long requests, long failed, double perSecond, double p50, double p99) {
    }
}
