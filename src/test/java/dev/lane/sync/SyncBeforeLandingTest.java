package dev.lane.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.integrate.WaveFixture;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lane that runs {@code lane sync} after it submitted and before the pass that lands that submission (an agent
 * keeping up with main while the integrator works) ends up with two merge bases with main: the main commit its sync
 * brought in, and its own submitted head, which main merged afterwards. Its shared files are those of the first;
 * the second holds the older ones its submission forked from.
 */
class SyncBeforeLandingTest {
    @TempDir
    Path tmp;

    /** dimB lands a migration and a bump; dimA, submitted from the older main, syncs, lands, and works on. */
    private static Path syncedBeforeItsSubmissionLanded(WaveFixture f) {
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(b, "scripts/migrations/260_vec_e5.sql", "-- 260\n");
        f.submit(b, "--bump", "minor");
        f.integrate("--wave", "45").expect(0); // dimA is not submitted yet: left out
        f.write(a, "src/a.txt", "A\n");
        // committed later than main's commits, as happens under load: git and JGit list the newest merge base first
        commitDatedAnHourAhead(a, "A's work");
        f.lane(a, "submit").expect(0);
        f.lane(a, "sync").expect(0); // brings dimB's landing in; the submission stays the earlier head
        f.integrate("--wave", "45").expect(0); // lands dimA's earlier head on top of dimB's landing
        return a;
    }

    private static void commitDatedAnHourAhead(Path worktree, String message) {
        ProcessBuilder pb = new ProcessBuilder("git", "-c", "user.name=t", "-c", "user.email=t@lane.invalid", "commit",
                "-qam", message).directory(worktree.toFile()).redirectErrorStream(true);
        Git.ok(worktree, "add", "-A");
        String later = Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + " +0000";
        pb.environment().putAll(Map.of("GIT_CONFIG_GLOBAL", "/dev/null", "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_COMMITTER_DATE", later, "GIT_AUTHOR_DATE", later));
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLaneSyncedBeforeItsSubmissionLandedSubmitsAgainWithoutTakingMainsSharedFilesAsItsOwnEdits() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = syncedBeforeItsSubmissionLanded(f);
        f.write(a, "src/a2.txt", "A2\n");

        CliRun r = f.lane(a, "--json", "submit", "-m", "more work").expect(0);

        assertTrue(r.out().contains("\"movedToIntents\" : [ ]"), "main's own shared files are no edit of the lane: "
                + r.out());
        assertTrue(r.out().contains("\"manifest\" : [ ]") && r.out().contains("\"bump\" : null"), r.out());
        assertTrue(f.read(a, WaveFixture.MANIFEST).contains("260_vec_e5.sql\n"), "the lane keeps main's manifest");
        assertTrue(f.read(a, "pyproject.toml").contains("version = \"0.4.0\""), "the lane keeps main's version");
    }

    @Test
    void mainKeepsEveryManifestEntryAndItsVersionWhenSuchALaneLandsAgain() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = syncedBeforeItsSubmissionLanded(f);
        f.write(a, "src/a2.txt", "A2\n");
        f.lane(a, "submit", "-m", "more work").expect(0);

        f.integrate("--wave", "45").expect(0);

        assertEquals("A2\n", f.onMain("src/a2.txt"));
        String manifest = f.onMain(WaveFixture.MANIFEST);
        assertEquals(1, manifest.lines().filter("260_vec_e5.sql"::equals).count(), manifest);
        assertTrue(f.onMain("pyproject.toml").contains("version = \"0.4.0\""), f.onMain("pyproject.toml"));
        assertTrue(f.onMain("server.json").contains("\"version\": \"0.4.0\""), f.onMain("server.json"));
        assertFalse(f.read(f.repo, "tools/offline/_inbox/45/dimA/intents.json").contains("260_vec_e5.sql"));
    }

    @Test
    void suchALaneSyncsAgainCleanlyWithoutTakingMainsSharedFilesAsItsOwnEdits() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = syncedBeforeItsSubmissionLanded(f);
        Path c = f.claim("45", "dimC");
        f.write(c, "scripts/migrations/270_c.sql", "-- 270\n");
        f.submit(c);
        f.integrate("--wave", "45").expect(0);

        CliRun r = f.lane(a, "--json", "sync").expect(0);

        assertTrue(r.out().contains("\"moved\" : [ ]") && r.out().contains("\"conflicts\" : [ ]"), r.out());
        assertEquals(f.onMain(WaveFixture.MANIFEST), f.read(a, WaveFixture.MANIFEST));
        assertEquals(f.onMain("pyproject.toml"), f.read(a, "pyproject.toml"));
        assertTrue(f.lane(a, "--json", "submit").expect(0).out().contains("\"manifest\" : [ ]"));
    }
}
