package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bisection of a failing {@code check:} as the operator relies on it: a lane is parked only for a failure the check
 * gives again on the same content, so a flaky check never gets an innocent lane parked.
 */
class CheckBisectionTest {
    @TempDir
    Path tmp;

    @Test
    void aCheckThatFailsOnceAndThenPassesOnTheSameContentParksNoLaneAndRefusesThePassAsFlaky() {
        Path count = tmp.resolve("check-runs");
        // Fails on its first run only, whatever it runs on: no lane breaks it.
        WaveFixture f = WaveFixture.create(tmp, "check: \"n=$(cat " + count + " 2>/dev/null || echo 0); "
                + "echo $((n + 1)) > " + count + "; echo run $((n + 1)); test $n -ne 0\"\n");
        for (String lane : new String[] {"l1", "l2", "l3", "l4"}) {
            f.submitted("45", lane, "src/" + lane + ".txt", lane + "\n");
        }
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45");

        assertFalse(r.out().contains("PARKED"), "no lane breaks the check, so none may be parked for it:\n" + r);
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("flaky"), r.err());
        assertEquals(before, f.mainHead());
        String ledger = f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md");
        assertTrue(ledger.contains(": unresolved, "), ledger);
    }

    @Test
    void aWaveWhoseEveryLaneBreaksTheCheckSaysNothingLandsNotThatWhatLandsPassed() {
        WaveFixture f = WaveFixture.create(tmp, "check: \"! grep -rq BROKEN src\"\n");
        f.submitted("45", "l1", "src/l1.txt", "BROKEN\n");
        f.submitted("45", "l2", "src/l2.txt", "BROKEN\n");
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertEquals(before, f.mainHead());
        String checkLine = r.out().lines().filter(l -> l.startsWith("check:")).findFirst().orElseThrow();
        assertTrue(checkLine.contains("lanes parked (l1, l2)") && checkLine.contains("; nothing lands"), checkLine);
        assertFalse(checkLine.contains("what lands passed"), checkLine);
        String ledger = f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md");
        assertTrue(ledger.contains("; nothing lands"), ledger);
    }
}
