package dev.lane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionOptionTest {

    @Test
    void everyCommandPrintsTheSameVersionWithDashDashVersion(@TempDir Path temp) {
        CliRun top = CliRun.run(temp, "--version");
        assertEquals(0, top.exitCode(), top.toString());
        assertTrue(top.out().startsWith("lane "), top.out());
        for (LaneCommand.Subcommand sub : LaneCommand.SUBCOMMANDS) {
            CliRun r = CliRun.run(temp, sub.name(), "--version");
            assertEquals(0, r.exitCode(), sub.name() + ": " + r);
            assertEquals(top.out(), r.out(), "lane " + sub.name() + " --version");
        }
    }
}
