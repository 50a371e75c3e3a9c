package dev.tollgate.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures came from: they mean nothing without the machine. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: the core count and JDK still say something
        }
        return "%d cores (%s), %d MiB memory for this JVM at most, %s %s, %s".formatted(Runtime.getRuntime().availableProcessors(),
                cpu, Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), java.time.LocalDate.now());
    }
}
