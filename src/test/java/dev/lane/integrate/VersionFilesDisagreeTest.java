package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.intent.VersionFile;
import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version files that already disagree on main before a wave. One rule: main's version is the highest the files carry;
 * a wave that bumps starts from it (never re-issuing a version one file already has), writes its one new version to
 * every file and says they disagreed; a wave that bumps nothing is refused, saying the disagreement was on main
 * before the wave and what to do.
 */
class VersionFilesDisagreeTest {
    @TempDir
    Path tmp;

    /** The fixture with main's version files set apart: pyproject.toml at {@code py}, server.json at {@code json}. */
    private WaveFixture mainWith(String py, String json) {
        WaveFixture f = WaveFixture.create(tmp);
        f.write(f.repo, "pyproject.toml", WaveFixture.PYPROJECT.replace("\"0.3.5\"", "\"" + py + "\""));
        f.commitOnMain("server.json", WaveFixture.SERVER_JSON.replace("\"0.3.5\"", "\"" + json + "\""), "versions apart");
        return f;
    }

    private static String version(WaveFixture f, String file) {
        return VersionFile.read(file, f.onMain(file)).orElseThrow();
    }

    @Test
    void aBumpStartsFromTheHighestVersionOnMainWritesOneVersionToEveryFileAndSaysTheyDisagreed() throws Exception {
        WaveFixture f = mainWith("0.3.5", "0.3.6");
        f.submitted("45", "dimA", "src/a.txt", "A\n", "--bump", "patch");

        CliRun r = f.integrate("--wave", "45", "--json").expect(0);

        assertEquals("0.3.7", version(f, "pyproject.toml"), "never 0.3.6, which server.json already carried");
        assertEquals("0.3.7", version(f, "server.json"));
        JsonNode v = new ObjectMapper().readTree(r.out()).get("version");
        assertEquals("0.3.6", v.get("from").asText(), "from is the version the bump started from: " + r.out());
        assertEquals("0.3.7", v.get("to").asText());
        assertTrue(v.get("note").asText().contains("pyproject.toml had 0.3.5, server.json had 0.3.6"), r.out());
        assertTrue(v.get("note").asText().contains("started from the highest, 0.3.6 (server.json)"), r.out());
        String ledger = Files.readString(f.repo.resolve("tools/offline/_inbox/45/AGENT_LEDGER.md"));
        assertTrue(ledger.contains("version 0.3.6 -> 0.3.7; the version files already disagreed on main"), ledger);
        assertTrue(f.git(f.repo, "log", "-1", "--format=%B", "main").contains("Lane-Bump: 45 0.3.6 -> 0.3.7"));
    }

    @Test
    void whenTheFirstVersionFileIsTheHigherTheBumpStartsFromItAndTheOutputShowsTheTrueStart() {
        WaveFixture f = mainWith("0.3.5", "0.3.4");
        f.submitted("45", "dimA", "src/a.txt", "A\n", "--bump", "patch");

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertEquals("0.3.6", version(f, "pyproject.toml"));
        assertEquals("0.3.6", version(f, "server.json"));
        assertTrue(r.out().contains("version:   0.3.5 -> 0.3.6\n"), r.out());
        assertTrue(r.out().contains("note:      the version files already disagreed on main (pyproject.toml had "
                + "0.3.5, server.json had 0.3.4); the bump started from the highest, 0.3.5 (pyproject.toml)"), r.out());
    }

    @Test
    void aRerunAfterACrashDoesNotBumpAgainWhenTheFilesHadDisagreed() throws Exception {
        WaveFixture f = mainWith("0.3.5", "0.3.6");
        f.submitted("45", "dimA", "src/a.txt", "A\n", "--bump", "patch");
        f.integrateKilledAt(Step.MAIN_MOVED, "45");
        String moved = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertEquals(moved, f.mainHead(), r.out());
        assertEquals("0.3.7", version(f, "pyproject.toml"));
        assertEquals("0.3.7", version(f, "server.json"));
    }

    @Test
    void aLaterPassOfAWaveThatBumpedKeepsTheBumpRuleAndSaysWhereItsBumpStarted() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "src/a.txt", "A\n");
        f.submit(a, "--bump", "patch");
        f.integrate("--wave", "45").expect(0); // the wave: 0.3.5 -> 0.3.6
        f.commitOnMain("server.json", WaveFixture.SERVER_JSON.replace("\"0.3.5\"", "\"0.3.9\""), "server.json 0.3.9");
        f.write(b, "src/b.txt", "B\n");
        f.submit(b, "--bump", "minor");

        CliRun r = f.integrate("--wave", "45", "--json").expect(0);

        assertEquals("0.4.0", version(f, "pyproject.toml"), "minor of the wave's start 0.3.5, above the highest 0.3.9");
        assertEquals("0.4.0", version(f, "server.json"));
        JsonNode v = new ObjectMapper().readTree(r.out()).get("version");
        assertEquals("0.3.9", v.get("from").asText());
        assertTrue(v.get("note").asText().contains("pyproject.toml had 0.3.6, server.json had 0.3.9); main's version "
                + "is the highest, 0.3.9 (server.json); this wave's bump started from 0.3.5"), r.out());
    }

    @Test
    void aWaveWithoutABumpIsRefusedSayingTheFilesDisagreedOnMainBeforeTheWaveAndWhatToDo() {
        WaveFixture f = mainWith("0.3.5", "0.3.6");
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(5);

        assertTrue(r.err().contains("version files disagree: pyproject.toml has 0.3.5, server.json has 0.3.6. They "
                + "disagreed on main already, before this pass"), r.err());
        assertTrue(r.err().contains("Make them agree on main"), r.err());
        assertTrue(r.err().contains("--bump patch"), r.err());
        assertEquals(before, f.mainHead());
    }

    @Test
    void aLaneCannotAskForTheVersionTheHighestFileAlreadyCarries() {
        WaveFixture f = mainWith("0.3.5", "0.3.6");
        Path a = f.claim("45", "dimA");
        f.write(a, "src/a.txt", "A\n");

        CliRun r = f.lane(a, "submit", "-m", "work", "--bump", "0.3.6").expect(2);

        assertTrue(r.err().contains("bump to 0.3.6 is the current version already"), r.err());
    }

    @Test
    void aLaneThatWritesOneNewVersionToFilesThatDisagreedOnMainAsksForThatVersion() {
        WaveFixture f = mainWith("0.3.5", "0.3.6");
        Path a = f.claim("45", "dimA");
        f.write(a, "src/a.txt", "A\n");
        f.write(a, "pyproject.toml", WaveFixture.PYPROJECT.replace("\"0.3.5\"", "\"0.3.7\""));
        f.write(a, "server.json", WaveFixture.SERVER_JSON.replace("\"0.3.5\"", "\"0.3.7\""));

        CliRun s = f.lane(a, "submit", "-m", "to 0.3.7").expect(0);
        CliRun r = f.integrate("--wave", "45").expect(0);

        assertTrue(s.out().contains("intents: bump patch"), "0.3.7 is the next patch of main's version 0.3.6: " + s.out());
        assertEquals("0.3.7", version(f, "pyproject.toml"), r.out());
        assertEquals("0.3.7", version(f, "server.json"), r.out());
    }

    @Test
    void aLaneThatSetsAFileToTheVersionTheHighestFileCarriesIsRefusedNotTurnedIntoAnUnaskedBump() {
        WaveFixture f = mainWith("0.3.5", "0.3.6");
        Path a = f.claim("45", "dimA");
        f.write(a, "src/a.txt", "A\n");
        f.write(a, "pyproject.toml", WaveFixture.PYPROJECT.replace("\"0.3.5\"", "\"0.3.6\""));

        CliRun r = f.lane(a, "submit", "-m", "pyproject.toml to 0.3.6").expect(2);

        assertTrue(r.err().contains("0.3.6 is the current version already"), r.err());
        assertEquals("0.3.6", version(f, "server.json"), "nothing submitted, nothing bumped: never 0.3.7");
    }

    @Test
    void whenTheWaveBumpedBeforeTheRefusalAsksForABumpThatStillRaisesTheVersionNotOneTheWaveAlreadyCovers() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path c = f.claim("45", "dimC");
        f.write(a, "src/a.txt", "A\n");
        f.submit(a, "--bump", "patch");
        f.integrate("--wave", "45").expect(0); // the wave: 0.3.5 -> 0.3.6
        f.commitOnMain("server.json", WaveFixture.SERVER_JSON.replace("\"0.3.5\"", "\"0.3.7\""), "server.json 0.3.7");
        f.write(c, "src/c.txt", "C\n");
        f.submit(c, "--bump", "patch"); // patch of the wave's start 0.3.5: covered by its bump, raises nothing

        CliRun r = f.integrate("--wave", "45").expect(5);

        assertTrue(r.err().contains("They disagreed on main already, before this pass"), r.err());
        assertTrue(!r.err().contains("--bump patch"), "patch is what lane dimC asked, and it changes nothing: " + r.err());
        assertTrue(r.err().contains("lane submit --bump minor"), "minor of the wave's start 0.3.5 is 0.4.0: " + r.err());
        f.lane(c, "submit", "--bump", "minor").expect(0);
        f.integrate("--wave", "45").expect(0);
        assertEquals("0.4.0", version(f, "pyproject.toml"));
        assertEquals("0.4.0", version(f, "server.json"));
    }
}
