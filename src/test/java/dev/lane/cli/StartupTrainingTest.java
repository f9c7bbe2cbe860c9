package dev.lane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up archive holds the classes of whatever the training ran: it must really run every command. */
class StartupTrainingTest {
    @Test
    void trainingRunsEveryCommandPathToItsExpectedOutcome(@TempDir Path dir) throws Exception {
        List<String> steps = StartupTraining.train(dir);
        List<String> codes = steps.stream().map(s -> s.substring(0, s.indexOf(' '))).collect(Collectors.toList());
        assertEquals(List.of(
                "0", "0", "0", // --version, --help, claim --help
                "2", "2",      // unknown command, bad lane name
                "0",           // init
                "0", "0", "3", // claim, claim --json, a lost claim
                "0", "0",      // submit with shared-file edits, resubmit with a bump
                "0", "0",      // a third submit of that lane, a second lane's submit (its merge is three-way)
                "0", "0", "0", // integrate --dry-run, integrate, sync
                "0", "0", "0", // ledger, ledger --json, ledger --verify
                "0", "0",      // status, status --json
                "0", "0"),     // release, release --force
                codes, String.join("\n", steps));
    }
}
