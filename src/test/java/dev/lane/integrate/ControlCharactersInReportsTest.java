package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a lane puts in a path (git allows any byte but NUL and '/') reaches the operator's terminal only escaped, as
 * the ledger's table already shows it: a carriage return or an escape sequence in a parked lane's reason must not
 * rewrite the row of {@code lane status} or the report of {@code lane integrate} it is printed in.
 */
class ControlCharactersInReportsTest {
    private static final String PATH = "src/evil\rdimX  agent  integrated\u001b[2K.txt";
    private static final String SHOWN = "src/evil\\rdimX  agent  integrated\\x1b[2K.txt";

    @TempDir
    Path tmp;

    @Test
    void aConflictOnAPathWithControlCharactersIsShownEscapedByIntegrateAndStatus() {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", PATH, "A\n");
        f.submitted("45", "dimB", PATH, "B\n");

        String report = f.integrate("--wave", "45").expect(4).out();
        String status = f.lane(f.repo, "status", "--wave", "45").expect(0).out();

        for (String text : new String[] {report, status}) {
            assertFalse(text.contains("\r") || text.contains("\u001b"), "raw control characters: " + text);
            assertTrue(text.contains("code conflict in " + SHOWN), text);
        }
        assertTrue(report.contains("PARKED dimB:\n  code conflict in " + SHOWN), report);
        CliRun json = f.lane(f.repo, "--json", "status", "--wave", "45").expect(0);
        assertTrue(json.out().contains("src/evil\\rdimX  agent  integrated\\u001B[2K.txt"),
                "JSON keeps the path, JSON-escaped: " + json.out());
    }
}
