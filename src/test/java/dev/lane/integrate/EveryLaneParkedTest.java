package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/exit-codes.md: exit 4 also when every submitted lane was parked; then main does not move at all. */
class EveryLaneParkedTest {
    @TempDir
    Path tmp;

    @Test
    void aPassThatParksEverySubmittedLaneExitsFourAndLeavesMainWhereItWas() {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", "src/other.txt", "lane A\n");
        f.commitOnMain("src/other.txt", "main\n", "main edits the same file");
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertEquals(before, f.mainHead(), "nothing landed, so main must not move: " + r.out());
        assertTrue(r.out().startsWith("Wave 45: 0 integrated, 1 parked, 0 already integrated; main unchanged at "
                + before.substring(0, 12)), r.out());
        assertTrue(r.out().contains("src/other.txt"), "the conflicting path is named: " + r.out());
    }
}
