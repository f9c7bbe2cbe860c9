package dev.lane.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.integrate.WaveFixture;
import dev.lane.support.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lane that committed shared-file edits (a manifest line, a version bump) without submitting, while another wave
 * landed the same kind of change on main: {@code lane sync} must move those edits into the lane's intents before it
 * brings main in, never merge the shared files as text.
 */
class SyncSharedEditsTest {
    private static final String INTENTS = "tools/offline/_inbox/45/dimB/intents.json";

    @TempDir
    Path tmp;

    /** Wave 46 lands 262_other.sql and a minor bump; lane 45/dimB has committed 263_dimb.sql, its line and 0.4.0. */
    private static Path laneWithCommittedSharedEditsBehindMain(WaveFixture f) {
        Path b = f.claim("45", "dimB");
        Path other = f.claim("46", "dimO");
        f.write(other, "scripts/migrations/262_other.sql", "-- 262\n");
        f.write(other, WaveFixture.MANIFEST, f.read(other, WaveFixture.MANIFEST) + "262_other.sql\n");
        f.submit(other, "--bump", "minor");
        f.integrate("--wave", "46").expect(0);
        f.write(b, "scripts/migrations/263_dimb.sql", "-- 263\n");
        f.write(b, WaveFixture.MANIFEST, f.read(b, WaveFixture.MANIFEST) + "263_dimb.sql\n");
        f.write(b, "pyproject.toml", WaveFixture.PYPROJECT.replace("version = \"0.3.5\"", "version = \"0.4.0\""));
        f.write(b, "server.json", WaveFixture.SERVER_JSON.replace("\"version\": \"0.3.5\"", "\"version\": \"0.4.0\""));
        f.write(b, "src/b.txt", "B\n");
        f.git(b, "add", "-A");
        f.git(b, "commit", "-qm", "dimB's work, shared files edited by hand");
        return b;
    }

    private static void assertLandsOnceAfterSubmitAndIntegrate(WaveFixture f, Path b) {
        f.submit(b);
        f.integrate("--wave", "45").expect(0);
        List<String> manifest = List.of(f.onMain(WaveFixture.MANIFEST).split("\n"));
        assertEquals(List.of("# boot allowlist", "049_provenance_strengthen.sql", "075_am_amendment_diff.sql",
                "252_law_jorei_pref.sql", "262_other.sql", "263_dimb.sql"), manifest);
        assertTrue(f.onMain("pyproject.toml").contains("version = \"0.5.0\""), f.onMain("pyproject.toml"));
        assertTrue(f.onMain("server.json").contains("\"version\": \"0.5.0\""), f.onMain("server.json"));
        assertEquals("B\n", f.onMain("src/b.txt"));
        assertEquals("-- 263\n", f.onMain("scripts/migrations/263_dimb.sql"));
    }

    @Test
    void syncMovesCommittedManifestAndBumpEditsIntoIntentsInsteadOfMergingThemAsText() {
        WaveFixture f = WaveFixture.create(tmp);
        Path b = laneWithCommittedSharedEditsBehindMain(f);

        CliRun r = f.lane(b, "sync").expect(0);

        assertTrue(r.out().contains("merged main"), r.out());
        assertEquals("", f.git(b, "status", "--porcelain"), "no conflict, nothing left over");
        assertEquals(f.onMain(WaveFixture.MANIFEST), f.read(b, WaveFixture.MANIFEST));
        assertEquals(f.onMain("pyproject.toml"), f.read(b, "pyproject.toml"));
        String intents = f.read(f.repo, INTENTS);
        assertTrue(intents.contains("263_dimb.sql") && intents.contains("minor"), intents);
        String ledger = f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md");
        assertTrue(ledger.contains("| synced | 45 | dimB |") && ledger.contains("moved manifest +1 (263_dimb.sql), "
                + "bump minor into intents"), ledger);
        assertTrue(!ledger.contains("| submitted | 45 | dimB |"), "sync submits nothing");
        assertTrue(!f.lane(f.repo, "status", "--wave", "45").out().contains("submitted"), "no submission written");
        assertLandsOnceAfterSubmitAndIntegrate(f, b);
    }

    @Test
    void syncRebaseMovesCommittedSharedEditsIntoIntentsAndReplaysCleanly() {
        WaveFixture f = WaveFixture.create(tmp);
        Path b = laneWithCommittedSharedEditsBehindMain(f);

        CliRun r = f.lane(b, "sync", "--rebase").expect(0);

        assertTrue(r.out().contains("rebased onto main"), r.out());
        assertEquals("", f.git(b, "status", "--porcelain"), "no conflict, nothing left over");
        f.git(b, "merge-base", "--is-ancestor", "refs/heads/main", "HEAD");
        assertEquals("", f.git(b, "diff", "--name-only", "refs/heads/main", "HEAD", "--", WaveFixture.MANIFEST,
                "pyproject.toml", "server.json"), "the rebased branch changes no shared file relative to main");
        String intents = f.read(f.repo, INTENTS);
        assertTrue(intents.contains("263_dimb.sql") && intents.contains("minor"), intents);
        assertLandsOnceAfterSubmitAndIntegrate(f, b);
    }

    @Test
    void syncRefusesAnEditSubmitWouldRefuseAndChangesNothing() {
        WaveFixture f = WaveFixture.create(tmp);
        Path b = f.claim("45", "dimB");
        f.commitOnMain("src/other.txt", "moved\n", "main moves");
        f.write(b, WaveFixture.MANIFEST, f.read(b, WaveFixture.MANIFEST) + "264_missing.sql\n");
        f.git(b, "commit", "-qam", "a manifest line naming no migration file");
        String head = f.git(b, "rev-parse", "HEAD");
        String ledger = f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md");

        CliRun r = f.lane(b, "sync").expect(2);

        assertTrue(r.err().contains("sync refused, nothing was changed") && r.err().contains("264_missing.sql"),
                r.err());
        assertEquals(head, f.git(b, "rev-parse", "HEAD"));
        assertEquals("", f.git(b, "status", "--porcelain"));
        assertTrue(!java.nio.file.Files.exists(f.repo.resolve(INTENTS)), "no intents written");
        assertEquals(ledger, f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md"));
    }

    @Test
    void syncOfALaneWithoutSharedFileEditsWritesNoIntentsAndMakesNoMoveCommit() {
        WaveFixture f = WaveFixture.create(tmp);
        Path b = f.claim("45", "dimB");
        f.commitOnMain(WaveFixture.MANIFEST, f.read(f.repo, WaveFixture.MANIFEST) + "# a note on main\n", "main moves");
        f.write(b, "src/b.txt", "B\n");
        f.git(b, "add", "-A");
        f.git(b, "commit", "-qm", "B's work");

        CliRun r = f.lane(b, "sync").expect(0);

        assertTrue(!r.out().contains("moved into intents"), r.out());
        assertTrue(!java.nio.file.Files.exists(f.repo.resolve(INTENTS)), "no intents written");
        assertEquals(List.of("lane sync: merge main", "B's work"), List.of(f.git(b, "log", "--format=%s",
                "--first-parent", "-2").split("\n")).stream().map(l -> l.replaceAll(" \\(.*", "")).toList());
        assertTrue(!f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md").contains("moved"));
    }
}
