package dev.lane.submit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lane.integrate.WaveFixture;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lane whose new migration takes a number that main's manifest has given to another migration since the lane's
 * base (another lane landed it) is told so at submit, in the words the integrator will park it with, and how to get
 * out: the agent fixes it before a pass parks the lane, not after.
 */
class NumberTakenOnMainTest {
    private static final String TAKEN = "migration number 262 is taken twice: 262_b.sql (this lane) and 262_a.sql "
            + "(already in the manifest)";

    @TempDir
    Path tmp;

    @Test
    void aMigrationNumberListedOnMainSinceTheLanesBaseIsNamedAtSubmitAndThePassParksTheLaneInTheSameWords()
            throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB"); // same base as dimA
        f.write(a, "scripts/migrations/262_a.sql", "-- a\n");
        f.submit(a);
        f.integrate("--wave", "45").expect(0); // main's manifest lists 262_a.sql now; dimB's base does not

        f.write(b, "scripts/migrations/262_b.sql", "-- b\n");
        CliRun submit = f.submit(b);
        assertTrue(submit.out().contains("note: " + TAKEN + ", listed on main since this lane's base: a pass run now "
                + "would park this lane. Give 262_b.sql a free number (git mv), then lane sync and lane submit again"),
                submit.out());
        CliRun parked = f.integrate("--wave", "45").expect(4);
        assertTrue(parked.out().contains(TAKEN), "the pass parks it in the same words: " + parked.out());

        f.lane(b, "sync").expect(0);
        f.git(b, "mv", "scripts/migrations/262_b.sql", "scripts/migrations/263_b.sql");
        JsonNode again = Json.mapper().readTree(f.submit(b, "--json").out());
        assertFalse(again.get("notices").toString().contains("taken twice"), again.toString());
        f.integrate("--wave", "45").expect(0);
    }

    @Test
    void aLaneWhoseNumbersAreFreeOnMainGetsNoSuchNote() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "scripts/migrations/262_a.sql", "-- a\n");
        f.submit(a);
        f.integrate("--wave", "45").expect(0);

        f.write(b, "scripts/migrations/263_b.sql", "-- b\n");
        CliRun submit = f.submit(b);
        assertFalse(submit.out().contains("taken twice"), submit.out());
        f.integrate("--wave", "45").expect(0);
    }
}
