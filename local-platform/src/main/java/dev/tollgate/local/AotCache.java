package dev.tollgate.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * One service's JDK AOT cache (JEP 483/514, JDK 25 and later), which lets a start map the classes,
 * linked state and method profiles a training run left instead of loading and linking them again,
 * a large part of a Spring Boot start.
 *
 * <p>The cache only works with plain jars on the class path, so the service's runnable jar is first
 * extracted (Spring Boot's {@code jarmode=tools extract}, the layout its documentation prescribes for
 * CDS and the AOT cache). The training run is the service itself started with
 * {@code spring.context.exit=onRefresh}: it creates every bean (database pool, Flyway, topics) and exits
 * before anything listens or consumes, and the JVM writes the cache as it exits.
 *
 * <p>Stale caches: the extraction and the cache are keyed by the runnable jar's content, the JVM and
 * the JVM options, so a rebuild that changes a service trains it again on its next start, and an
 * unchanged rebuild keeps its cache. The JVM checks the class path itself as well (jar sizes and
 * times) and starts without a cache that does not match, so a stale cache costs time, never correctness.
 */
final class AotCache {

    private static final String CACHE_FILE = "app.aot";
    private static final String KEY_FILE = "key";

    private final Path directory;
    private final Path runnableJar;
    private final String key;

    private AotCache(Path directory, Path runnableJar, String key) {
        this.directory = directory;
        this.runnableJar = runnableJar;
        this.key = key;
    }

    /** Whether this JVM writes AOT caches in one step ({@code -XX:AOTCacheOutput}, JDK 25). */
    static boolean supported() {
        return Runtime.version().feature() >= 25;
    }

    /** The cache of a service's runnable jar under {@code root}, keyed by that jar and the JVM that runs it. */
    static AotCache of(Path root, String service, Path runnableJar, List<String> jvmOptions) {
        String key = contentDigest(runnableJar) + " " + Runtime.version() + " " + String.join(" ", jvmOptions);
        return new AotCache(root.resolve(service), runnableJar, key);
    }

    /**
     * Whether a training run for exactly this jar, JVM and options already ran. One that left no cache is
     * not repeated on every start: that build starts without a cache, and the next build trains again.
     */
    boolean trained() {
        try {
            return Files.exists(directory.resolve(KEY_FILE))
                    && Files.readString(directory.resolve(KEY_FILE), StandardCharsets.UTF_8).equals(key);
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** Starts extracting the runnable jar afresh, any earlier extraction and cache removed. */
    Process startExtraction(String java, Path log) throws IOException {
        delete(directory);
        Files.createDirectories(directory);
        return new ProcessBuilder(java, "-Djarmode=tools", "-jar", runnableJar.toString(),
                "extract", "--force", "--destination", directory.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The command of the training run, once the jar is extracted. */
    List<String> trainingCommand(String java, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.add("-XX:AOTCacheOutput=" + directory.resolve(CACHE_FILE));
        command.add("-Dspring.context.exit=onRefresh");
        command.addAll(List.of("-jar", extractedJar().toString()));
        return command;
    }

    /** Records that the training run for this key ran; returns whether it left a cache (none if it did not end well). */
    boolean markTrained(boolean ended) throws IOException {
        if (!ended) {
            Files.deleteIfExists(directory.resolve(CACHE_FILE));
        }
        Files.writeString(directory.resolve(KEY_FILE), key, StandardCharsets.UTF_8);
        return Files.exists(directory.resolve(CACHE_FILE));
    }

    /** The arguments after the JVM options that start the service: from its cache when there is one, else from its jar. */
    List<String> launchArguments() {
        if (trained() && Files.exists(directory.resolve(CACHE_FILE))) {
            return List.of("-XX:AOTCache=" + directory.resolve(CACHE_FILE), "-jar", extractedJar().toString());
        }
        return List.of("-jar", runnableJar.toString());
    }

    private Path extractedJar() {
        return directory.resolve(runnableJar.getFileName());
    }

    /**
     * A digest of the jar's entries (name, CRC-32, size) rather than of its bytes: a rebuild that changes
     * nothing rewrites the jar with new entry times, and that must not cost a training run.
     */
    private static String contentDigest(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            zip.stream().forEach(entry -> digest.update((entry.getName() + ' ' + entry.getCrc() + ' ' + entry.getSize() + '\n')
                    .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
