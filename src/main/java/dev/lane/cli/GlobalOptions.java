package dev.lane.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Options every command takes; added to each command's model so they can be given before or after its name. */
public final class GlobalOptions {
    Path repo;

    boolean json;

    /** Adds {@code --repo} and {@code --json} to {@code spec}, bound to this object's fields. */
    CommandSpec addTo(CommandSpec spec) {
        return spec
                .addOption(CommandModel.path("--repo", () -> repo, v -> repo = v).paramLabel("DIR")
                        .description("The repository (default: the one containing the current folder; from a lane's "
                                + "worktree, its main repository).").build())
                .addOption(CommandModel.flag("--json", () -> json, v -> json = v)
                        .description("Machine output on stdout: one JSON document (JSON lines for streams).").build());
    }
}
