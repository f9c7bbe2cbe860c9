package dev.lane.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lane.cli.CliContext;
import dev.lane.cli.LaneCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@code lane} command run in this JVM through the same factory as the real {@code main}, with its exit code
 * and both output streams captured.
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code lane args...} in {@code cwd} with the test process's environment plus {@code extraEnv}. */
    public static CliRun run(Path cwd, Map<String, String> extraEnv, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("LANE_AGENT");
        env.remove("LANE_CRASH_AT");
        env.putAll(extraEnv);
        int code = LaneCli.run(new CliContext(cwd, Map.copyOf(env), Clock.systemUTC(), new PrintWriter(out),
                new PrintWriter(err)), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    public static CliRun run(Path cwd, String... args) {
        return run(cwd, Map.of(), args);
    }

    /** Fails the test, showing both streams, unless the exit code is {@code expected}; returns this run. */
    public CliRun expect(int expected) {
        assertEquals(expected, exitCode, "exit code; stdout:\n" + out + "\nstderr:\n" + err);
        return this;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
