package dev.lane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lane.support.JvmProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lane's command models are built in code ({@link CommandModel}), because in a fresh JVM the first annotation read
 * costs tens of milliseconds of every run's start-up: proxy classes the start-up archive cannot hold, the annotation
 * parser. Building every model ({@code lane --help} registers all subcommands) and a usage error must read none.
 */
class NoAnnotationReflectionTest {
    @Test
    void buildingEveryCommandsModelAndRejectingBadOptionsReadsNoAnnotation(@TempDir Path dir) throws IOException {
        assertNoAnnotationRead(dir, "help", 0, "--help");
        assertNoAnnotationRead(dir, "usage-error", 2, "claim", "--lane", "a", "--bogus");
    }

    private static void assertNoAnnotationRead(Path dir, String name, int expectedExit, String... args)
            throws IOException {
        Path log = dir.resolve(name + "-classes.log");
        JvmProcess.Result r = JvmProcess.lane(args).in(dir).logs(dir).name(name)
                .jvmOption("-Xlog:class+load:file=" + log).start().await(Duration.ofSeconds(60));
        assertEquals(expectedExit, r.exitCode(), r.toString());
        List<String> annotationClasses = Files.readAllLines(log).stream()
                .map(line -> line.substring(line.lastIndexOf("] ") + 2)) // "<class> source: <where>"
                .filter(c -> c.startsWith("sun.reflect.annotation.") || c.contains("__dynamic_proxy__"))
                .toList();
        assertEquals(List.of(), annotationClasses, "lane " + String.join(" ", args) + " read an annotation");
    }
}
