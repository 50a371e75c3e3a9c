package dev.tollgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a service's AOT cache is trained again, and when a start uses it (no JVM started here). */
class AotCacheTest {

    private static final List<String> OPTIONS = List.of("-Xmx256m");

    @TempDir
    Path dir;

    @Test
    void aRebuildWithTheSameContentKeepsTheCacheAndAChangedJarIsTrainedAgain() throws IOException {
        Path jar = jar("app.jar", "v1", 1_000);
        Path root = dir.resolve("aot");
        AotCache first = AotCache.of(root, "svc", jar, OPTIONS);
        assertThat(first.trained()).isFalse();
        Files.createDirectories(root.resolve("svc"));
        Files.writeString(root.resolve("svc").resolve("app.aot"), "cache");
        assertThat(first.markTrained(true)).isTrue();

        jar("app.jar", "v1", 2_000_000);
        AotCache sameContent = AotCache.of(root, "svc", jar, OPTIONS);
        assertThat(sameContent.trained()).isTrue();
        assertThat(sameContent.launchArguments()).contains("-XX:AOTCache=" + root.resolve("svc").resolve("app.aot"));

        assertThat(AotCache.of(root, "svc", jar, List.of("-Xmx512m")).trained()).isFalse();
        jar("app.jar", "v2", 1_000);
        AotCache changed = AotCache.of(root, "svc", jar, OPTIONS);
        assertThat(changed.trained()).isFalse();
        assertThat(changed.launchArguments()).containsExactly("-jar", jar.toString());
    }

    @Test
    void aTrainingRunThatDidNotEndWellLeavesNoCacheAndIsNotRepeatedForTheSameJar() throws IOException {
        Path jar = jar("app.jar", "v1", 1_000);
        Path root = dir.resolve("aot");
        AotCache cache = AotCache.of(root, "svc", jar, OPTIONS);
        Files.createDirectories(root.resolve("svc"));
        Files.writeString(root.resolve("svc").resolve("app.aot"), "half written");

        assertThat(cache.markTrained(false)).isFalse();

        AotCache again = AotCache.of(root, "svc", jar, OPTIONS);
        assertThat(again.trained()).isTrue();
        assertThat(again.launchArguments()).containsExactly("-jar", jar.toString());
    }

    private Path jar(String name, String content, long entryTime) throws IOException {
        Path jar = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            ZipEntry entry = new ZipEntry("BOOT-INF/classes/App.class");
            entry.setLastModifiedTime(FileTime.fromMillis(entryTime));
            out.putNextEntry(entry);
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
