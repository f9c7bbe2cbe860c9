package dev.lane.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes; mixed into each command so they can be given before or after its name. */
public final class GlobalOptions {
    @Option(names = "--repo", paramLabel = "DIR",
            description = "The repository (default: the one containing the current folder; from a lane's worktree, "
                    + "its main repository).")
    Path repo;

    @Option(names = "--json", description = "Machine output on stdout: one JSON document (JSON lines for streams).")
    boolean json;
}
