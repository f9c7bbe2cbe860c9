package dev.lane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java helpers of the benchmarks under {@code tools/bench} ({@code IntegrateSetup}, {@code LedgerWriter}) run
 * against lane's own classes as source files ({@code java -cp lane.jar X.java}), so nothing else compiles them: a
 * change to a record they build would break {@code tools/bench/integrate} silently, found only when someone measures.
 * They must compile against the current code.
 */
class BenchHelpersCompileTest {
    @TempDir
    Path tmp;

    @Test
    void everyJavaHelperOfTheBenchmarksCompilesAgainstTheCurrentCode() throws IOException {
        Path bench = Path.of("tools", "bench").toAbsolutePath();
        List<String> sources;
        try (Stream<Path> files = Files.list(bench)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        assertFalse(sources.isEmpty(), "no Java helpers found in " + bench);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK, which has javac");

        List<String> args = new ArrayList<>(List.of("-d", tmp.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none", "-Xlint:none"));
        args.addAll(sources);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int code = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));

        assertEquals(0, code, "tools/bench helpers do not compile against the current code:\n"
                + diagnostics.toString(StandardCharsets.UTF_8));
    }
}
