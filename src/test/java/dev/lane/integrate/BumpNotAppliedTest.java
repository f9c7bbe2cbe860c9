package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.intent.VersionFile;
import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bump request that main's version has passed by other means (a hotfix release on main after the lane forked) is
 * not applied, and never silently: the integrate output, its JSON, the ledger, the lane's outcome and lane status
 * all say which bump was not applied and why.
 */
class BumpNotAppliedTest {
    private static final String NOTE = "bump 0.4.0 of lane dimA not applied: main is already at 0.5.0";

    @TempDir
    Path tmp;
    WaveFixture f;
    Path a;

    @BeforeEach
    void laneForkedAt035ThenMainWentTo050() {
        f = WaveFixture.create(tmp);
        a = f.claim("45", "dimA");
        f.write(f.repo, "pyproject.toml", WaveFixture.PYPROJECT.replace("\"0.3.5\"", "\"0.5.0\""));
        f.commitOnMain("server.json", WaveFixture.SERVER_JSON.replace("\"0.3.5\"", "\"0.5.0\""), "hotfix 0.5.0");
    }

    @Test
    void submitAlreadyTellsTheAgentThatAnExplicitBumpMainHasReachedWillNotBeApplied() {
        f.write(a, "src/a.txt", "A\n");

        CliRun stale = f.submit(a, "--bump", "0.4.0");
        CliRun level = f.submit(a, "--bump", "patch");

        assertTrue(stale.out().contains("bump 0.4.0 will not be applied: main is at 0.5.0 now, since this lane's "
                + "base; run lane sync, then ask for a higher version or a level (--bump patch)"), stale.out());
        assertFalse(level.out().contains("will not be applied"), "a level applies to main as the wave finds it: "
                + level.out());
    }

    @Test
    void submitDoesNotTellALaneItsVersionWillNotBeAppliedWhenItsOwnWavesEarlierBumpSetIt() {
        Path b = f.claim("45", "dimB");
        Path c = f.claim("45", "dimC");
        f.write(b, "src/b.txt", "B\n");
        f.submit(b, "--bump", "minor");
        f.integrate("--wave", "45").expect(0); // 0.5.0 -> 0.6.0, this wave's bump
        f.write(c, "src/c.txt", "C\n");

        CliRun submitted = f.submit(c, "--bump", "0.6.0");
        CliRun r = f.integrate("--wave", "45").expect(0);

        assertFalse(submitted.out().contains("will not be applied"), "the wave's own bump covers it, as the "
                + "integrator says by saying nothing (a higher version would bump the wave twice): " + submitted.out());
        assertFalse(r.out().contains("not applied"), r.out());
        assertEquals("0.6.0", VersionFile.read("server.json", f.onMain("server.json")).orElseThrow());
    }

    @Test
    void submitTellsALaneOfAWaveThatBumpedBeforeThatALevelMainHasPassedWillNotBeApplied() {
        Path b = f.claim("45", "dimB");
        Path c = f.claim("45", "dimC");
        f.write(b, "src/b.txt", "B\n");
        f.submit(b, "--bump", "patch");
        f.integrate("--wave", "45").expect(0); // 0.5.0 -> 0.5.1, this wave's bump
        f.submitted("46", "dimX", "src/x.txt", "X\n", "--bump", "major");
        f.integrate("--wave", "46").expect(0); // 0.5.1 -> 1.0.0
        f.write(c, "src/c.txt", "C\n");

        CliRun submitted = f.submit(c, "--bump", "minor");
        CliRun r = f.integrate("--wave", "45").expect(0);

        assertTrue(r.out().contains("bump minor of lane dimC (0.6.0) not applied: main is already at 1.0.0"),
                r.out());
        assertTrue(submitted.out().contains("bump minor will not be applied: main is at 1.0.0 now"),
                "a level of a wave that bumped before applies to the wave's starting version (0.5.0), so it can go "
                        + "stale too: " + submitted.out());
    }

    @Test
    void anExplicitBumpBelowMainLandsTheLaneAndEveryReportSaysTheBumpWasNotApplied() throws Exception {
        f.write(a, "src/a.txt", "A\n");
        f.submit(a, "--bump", "0.4.0");

        CliRun human = f.integrate("--wave", "45", "--dry-run").expect(0);
        CliRun r = f.integrate("--wave", "45", "--json").expect(0);

        assertTrue(human.out().contains("note:      " + NOTE + "\n"), human.out());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("integrated", doc.at("/lanes/0/status").asText(), r.out());
        assertEquals(NOTE, doc.at("/lanes/0/note").asText(), r.out());
        assertEquals("0.5.0", doc.at("/version/to").asText());
        assertEquals("0.5.0", VersionFile.read("server.json", f.onMain("server.json")).orElseThrow());
        JsonNode outcome = new ObjectMapper().readTree(
                f.repo.resolve("tools/offline/_inbox/45/dimA/outcome.json").toFile());
        assertEquals(NOTE, outcome.get("note").asText());
        assertTrue(outcome.at("/applied/bump").isNull(), "nothing says the bump was applied");
        String ledger = Files.readString(f.repo.resolve("tools/offline/_inbox/45/AGENT_LEDGER.md"));
        assertTrue(ledger.contains(NOTE), ledger);

        CliRun status = f.lane(f.repo, "status", "--wave", "45").expect(0);
        assertTrue(status.out().contains("  " + NOTE), status.out());
        assertFalse(status.out().contains("bump 0.4.0;"), "the request is not shown as if applied: " + status.out());
        JsonNode statusJson = new ObjectMapper().readTree(f.lane(f.repo, "status", "--wave", "45", "--json")
                .expect(0).out());
        assertEquals(NOTE, statusJson.at("/waves/0/lanes/0/note").asText());
    }

    @Test
    void aLaneWithOnlyABumpBelowMainIsNotReportedAsHoldingAllItsIntents() {
        f.submit(a, "--bump", "0.4.0");

        CliRun r = f.integrate("--wave", "45").expect(0);

        CliRun status = f.lane(f.repo, "status", "--wave", "45").expect(0);
        assertTrue(r.out().contains(NOTE), r.out());
        assertTrue(status.out().contains(NOTE), status.out());
        assertFalse(status.out().contains("and its intents"), status.out());
    }

    @Test
    void aLowerBumpOfTheSameWaveCoveredByItsOwnEarlierBumpNeedsNoNote() {
        f.submitted("45", "dimB", "src/b.txt", "B\n", "--bump", "minor");
        f.integrate("--wave", "45").expect(0); // 0.5.0 -> 0.6.0
        f.lane(a, "sync").expect(0);
        f.write(a, "src/a.txt", "A\n");
        f.submit(a, "--bump", "patch");

        CliRun r = f.integrate("--wave", "45", "--json").expect(0);

        assertFalse(r.out().contains("not applied"), r.out());
        assertEquals("0.6.0", VersionFile.read("server.json", f.onMain("server.json")).orElseThrow());
    }

    @Test
    void aBumpOnAMainWhoseVersionFilesNoLongerCarryAVersionIsNotAppliedAndSaysSo() throws Exception {
        f.write(a, "src/a.txt", "A\n");
        f.submit(a, "--bump", "patch");
        f.write(f.repo, "pyproject.toml", WaveFixture.PYPROJECT.replace("version = \"0.3.5\"\n", ""));
        f.commitOnMain("server.json", WaveFixture.SERVER_JSON.replace("\"version\": \"0.3.5\",\n", ""), "version from tags");
        String note = "bump patch of lane dimA not applied: no version file on main has a version to bump";

        CliRun r = f.integrate("--wave", "45", "--json").expect(0);

        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("integrated", doc.at("/lanes/0/status").asText(), r.out());
        assertEquals(note, doc.at("/lanes/0/note").asText(), r.out());
        CliRun status = f.lane(f.repo, "status", "--wave", "45").expect(0);
        assertTrue(status.out().contains(note), status.out());
        assertFalse(status.out().lines().anyMatch(l -> l.stripTrailing().endsWith("  bump patch")), "the request is not shown as if applied: " + status.out());
        CliRun again = f.integrate("--wave", "45").expect(0);
        assertTrue(again.out().contains("already on main"), again.out());
    }
}
