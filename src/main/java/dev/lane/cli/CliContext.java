package dev.lane.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command run gets from the outside world: the folder it runs in, the environment, the clock and the two
 * output streams. {@link Main} builds it from the real process; tests build their own.
 */
public record CliContext(Path cwd, Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err) {
}
