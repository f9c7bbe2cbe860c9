package dev.lane.support;

import dev.lane.cli.CliContext;
import dev.lane.cli.LaneCli;
import dev.lane.cli.Main;
import dev.lane.config.ConfigLoader;
import dev.lane.json.Json;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Test-only entry point: {@code lane args...} started behind a {@link StartGate}. Before it reports at the gate it
 * warms up what every lane command loads anyway (picocli and the commands, the YAML and JSON mappers, a first git
 * process), so that when the gate opens all children start the command itself from the same point.
 */
public final class GatedLane {
    private GatedLane() {
    }

    public static void main(String[] args) throws Exception {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        LaneCli.run(new CliContext(Path.of("").toAbsolutePath(), Map.of(), Clock.systemUTC(), nowhere, nowhere),
                "claim", "--help");
        ConfigLoader.parse("worktree: /nowhere/{wave}-{lane}\n", "warm-up");
        Json.write(Map.of("warm", "up"));
        new ProcessBuilder("git", "--version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        StartGate.pass();
        Main.main(args);
    }
}
