package dev.lane.cli;

import dev.lane.core.LaneException;
import dev.lane.demo.Demo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

final class DemoCommand extends BaseCommand {
    Path dir;

    @Override
    CommandSpec spec() {
        return command(
                "Run a whole wave for real in a temp folder: a sample repository like the incident's, 18 agents "
                        + "claiming, working and submitting in parallel, an integrate pass, the parked lane's fix "
                        + "and a second pass, then the ledger and main's history.",
                "Touches nothing outside the folder it prints. Its output is for people: --json and --repo are "
                        + "refused (it makes its own repository).")
                .addOption(CommandModel.path("--dir", () -> dir, v -> dir = v).paramLabel("DIR")
                        .description("Where to create the demo (default: a new temp folder).").build());
    }

    @Override
    public Integer call() throws IOException {
        if (json()) {
            throw LaneException.usage("lane demo has no JSON output: it is a walk-through for people. Run it "
                    + "without --json (for machine output, run the real commands in a repository of yours)");
        }
        if (repoOption() != null) {
            throw LaneException.usage("lane demo makes its own repository and takes no --repo; pass --dir DIR to "
                    + "choose where it goes");
        }
        Path parent;
        if (dir == null) {
            parent = Files.createTempDirectory("lane-demo-");
        } else {
            parent = resolve(dir, "--dir");
            if (Files.exists(parent) && !isEmptyDirectory(parent)) {
                throw LaneException.usage("--dir " + parent + " exists and is not empty; give a new or empty folder");
            }
            Files.createDirectories(parent);
        }
        return new Demo(parent.toRealPath(), out()).run();
    }

    private static boolean isEmptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (var s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
