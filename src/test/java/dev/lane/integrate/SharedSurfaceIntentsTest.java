package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedSurfaceIntentsTest {
    @TempDir
    Path tmp;

    @Test
    void manifestEntriesOfSeveralLanesAreAppendedOnceInNumericOrderAfterTheExistingLines() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        Path c = f.claim("45", "dimC");
        f.write(a, "scripts/migrations/1000_late.sql", "-- 1000\n");
        f.write(a, "scripts/migrations/263_realtime_signal.sql", "-- 263\n");
        f.submit(a);
        f.write(b, "scripts/migrations/259_court_decisions_extended.sql", "-- 259\n");
        f.submit(b);
        f.write(c, "scripts/migrations/261_legal_chain_v2.sql", "-- 261\n");
        f.write(c, "scripts/migrations/259_court_decisions_extended.sql", "-- 259\n");
        f.submit(c);

        f.integrate("--wave", "45").expect(0);

        assertEquals("# boot allowlist\n049_provenance_strengthen.sql\n075_am_amendment_diff.sql\n"
                + "252_law_jorei_pref.sql\n259_court_decisions_extended.sql\n261_legal_chain_v2.sql\n"
                + "263_realtime_signal.sql\n1000_late.sql\n", f.onMain(WaveFixture.MANIFEST));
    }

    @Test
    void twoLanesAddingTheSameMigrationNumberParkTheLaterOneNamingBothFiles() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "scripts/migrations/262_a.sql", "-- a\n");
        f.submit(a);
        f.write(b, "scripts/migrations/262_b.sql", "-- b\n");
        f.write(b, "src/b.txt", "B\n");
        f.submit(b);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("262_b.sql (this lane) and 262_a.sql (lane dimA)"), r.out());
        assertTrue(f.onMain(WaveFixture.MANIFEST).endsWith("252_law_jorei_pref.sql\n262_a.sql\n"));
        assertFalse(f.git(f.repo, "ls-tree", "-r", "--name-only", "refs/heads/main").contains("src/b.txt"),
                "a lane parked for its intents lands none of its code either");
    }

    @Test
    void patchAndMinorRequestsBump035To040InBothVersionFilesChangingNoOtherByte() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        Path c = f.claim("45", "dimC");
        f.write(a, "pyproject.toml", WaveFixture.PYPROJECT.replace("version = \"0.3.5\"", "version = \"0.3.6\""));
        f.submit(a);
        f.write(b, "src/b.txt", "B\n");
        f.submit(b, "--bump", "minor");
        f.write(c, "server.json", WaveFixture.SERVER_JSON.replace("\"0.3.5\"", "\"0.3.6\""));
        f.submit(c);

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertEquals(WaveFixture.PYPROJECT.replace("version = \"0.3.5\"", "version = \"0.4.0\""),
                f.onMain("pyproject.toml"));
        assertEquals(WaveFixture.SERVER_JSON.replace("\"0.3.5\"", "\"0.4.0\""), f.onMain("server.json"));
        assertTrue(r.out().contains("version:   0.3.5 -> 0.4.0"), r.out());
        assertEquals(1, f.git(f.repo, "log", "--format=%H", "refs/heads/main", "--", "pyproject.toml").lines()
                .count() - 1, "one bump commit for the whole wave");
    }

    @Test
    void aBumpFromAVersionWithBuildMetadataWritesTheNextReleaseWithoutIt() {
        WaveFixture f = WaveFixture.create(tmp);
        f.commitOnMain("pyproject.toml", WaveFixture.PYPROJECT.replace("0.3.5", "0.3.5+b7"), "a build");
        f.commitOnMain("server.json", WaveFixture.SERVER_JSON.replace("0.3.5", "0.3.5+b7"), "a build");
        Path a = f.claim("45", "dimA");
        f.write(a, "src/a.txt", "A\n");
        f.submit(a, "--bump", "patch");

        f.integrate("--wave", "45").expect(0);

        assertEquals(WaveFixture.PYPROJECT.replace("0.3.5", "0.3.6"), f.onMain("pyproject.toml"));
        assertEquals(WaveFixture.SERVER_JSON.replace("0.3.5", "0.3.6"), f.onMain("server.json"));
    }

    @Test
    void anExplicitVersionHigherThanTheLevelsWins() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "src/a.txt", "A\n");
        f.submit(a, "--bump", "minor");
        f.write(b, "src/b.txt", "B\n");
        f.submit(b, "--bump", "2.0.0");

        f.integrate("--wave", "45").expect(0);

        assertTrue(f.onMain("pyproject.toml").contains("version = \"2.0.0\""));
        assertTrue(f.onMain("server.json").contains("\"version\": \"2.0.0\""));
    }

    @Test
    void anExplicitVersionLowerThanTheHighestLevelLosesToIt() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "src/a.txt", "A\n");
        f.submit(a, "--bump", "0.3.9");
        f.write(b, "src/b.txt", "B\n");
        f.submit(b, "--bump", "minor");

        f.integrate("--wave", "45").expect(0);

        assertTrue(f.onMain("pyproject.toml").contains("version = \"0.4.0\""));
    }

    @Test
    void twoNonOverlappingWorkflowEditsFromTwoLanesBothLand() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "guard");
        Path b = f.claim("45", "smoke");
        String guarded = WaveFixture.DEPLOY.replace("    branches: [main]\n", "    branches: [main]\n"
                + "    paths-ignore: ['docs/**']\n");
        f.write(a, ".github/workflows/deploy.yml", guarded);
        f.submit(a);
        f.write(b, ".github/workflows/deploy.yml", WaveFixture.DEPLOY.replace("make smoke", "make smoke-all"));
        f.submit(b);

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertEquals(guarded.replace("make smoke", "make smoke-all"), f.onMain(".github/workflows/deploy.yml"));
        assertTrue(r.out().contains("workflows: .github/workflows/deploy.yml"), r.out());
        String message = f.git(f.repo, "log", "-1", "--format=%B", "refs/heads/main");
        assertEquals(2, message.lines().filter(l -> l.startsWith("Lane-Workflow: 45/")).count(), message);
    }

    @Test
    void anOverlappingWorkflowEditParksItsLaneAndShowsTheHunk() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "first");
        Path b = f.claim("45", "second");
        f.write(a, ".github/workflows/deploy.yml", WaveFixture.DEPLOY.replace("make test", "make test-fast"));
        f.submit(a);
        f.write(b, ".github/workflows/deploy.yml", WaveFixture.DEPLOY.replace("make test", "make test-all"));
        f.write(b, "src/b.txt", "B\n");
        f.submit(b);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("workflow edit of .github/workflows/deploy.yml overlaps"), r.out());
        assertTrue(r.out().contains("<<<<<<< main + lane first (this pass)") && r.out().contains("make test-fast")
                && r.out().contains("make test-all") && r.out().contains(">>>>>>> lane second"), r.out());
        assertTrue(f.onMain(".github/workflows/deploy.yml").contains("make test-fast"));
        assertFalse(f.onMain(".github/workflows/deploy.yml").contains("make test-all"));
    }
}
