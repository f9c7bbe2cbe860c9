package dev.lane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lane.support.JvmProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What picocli does at start-up, seen in the class-load log of real lane processes: {@code lane --help} (which
 * builds every command's model) and a usage error in a command given {@code --repo} (a Path option).
 *
 * <p>lane's models are built in code ({@link CommandModel}) because in a fresh JVM the first annotation read costs
 * tens of milliseconds (proxy classes the start-up archive cannot hold, the annotation parser), and picocli's
 * converters for types no lane option has are left out, since registering them initialises java.sql and java.time.
 */
class CommandModelStartupTest {
    @TempDir
    static Path dir;

    private static final List<String> LOADED = new ArrayList<>();

    @BeforeAll
    static void runLane() throws IOException {
        LOADED.addAll(classesLoadedBy("help", 0, "--help"));
        LOADED.addAll(classesLoadedBy("usage-error", 2, "--repo", dir.toString(), "claim", "--lane", "a"));
    }

    @Test
    void noCommandModelIsReadFromAnnotations() {
        assertNoneLoaded(c -> c.startsWith("sun.reflect.annotation.") || c.contains("__dynamic_proxy__"));
    }

    @Test
    void noConverterIsRegisteredForTypesLaneHasNoOptionOf() {
        assertNoneLoaded(c -> c.startsWith("java.sql."));
    }

    private static void assertNoneLoaded(Predicate<String> unwanted) {
        assertEquals(List.of(), LOADED.stream().filter(unwanted).toList());
    }

    /** Runs lane in a child JVM; returns "class source: where" per class it loaded. */
    private static List<String> classesLoadedBy(String name, int expectedExit, String... args) throws IOException {
        Path log = dir.resolve(name + "-classes.log");
        JvmProcess.Result r = JvmProcess.lane(args).in(dir).logs(dir).name(name)
                .jvmOption("-Xlog:class+load:file=" + log).start().await(Duration.ofSeconds(60));
        assertEquals(expectedExit, r.exitCode(), r.toString());
        return Files.readAllLines(log).stream().map(line -> line.substring(line.lastIndexOf("] ") + 2)).toList();
    }
}
