package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration the manifest lists must stay, and a migration number is taken once: the integrator parks the lane
 * that would break either (naming it and the file) and lands the rest, and submit applies the same number rule to
 * the manifest of the lane's base, including what lane sync merged.
 */
class ListedMigrationsTest {
    private static final String X = "scripts/migrations/260_x.sql";

    @TempDir
    Path tmp;

    /** The fixture with {@code 260_x.sql} on main but not yet in the manifest. */
    private WaveFixture withUnlistedMigration() {
        WaveFixture f = WaveFixture.create(tmp);
        f.write(f.repo, X, "-- 260\n");
        f.git(f.repo, "add", X);
        f.git(f.repo, "commit", "-qm", "an unlisted migration");
        return f;
    }

    private String filesOnMain(WaveFixture f) {
        return f.git(f.repo, "ls-tree", "-r", "--name-only", "refs/heads/main");
    }

    @Test
    void aLaneDeletingAMigrationMainsManifestListedSinceItForkedIsParkedNamingTheFileWhileTheRestLand() {
        WaveFixture f = withUnlistedMigration();
        Path lister = f.claim("45", "lister");
        Path remover = f.claim("45", "remover");
        Path good = f.claim("45", "good");
        f.submit(lister, "--manifest", "260_x.sql");
        f.integrate("--wave", "45").expect(0);
        f.git(remover, "rm", "-q", X);
        f.write(remover, "src/r.txt", "R\n");
        f.submit(remover); // its base does not list 260_x.sql: submit cannot know
        f.write(good, "src/g.txt", "G\n");
        f.submit(good);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("PARKED remover:\n  its branch deletes or renames " + X + ", which main's "
                + "manifest lists; a listed migration must stay. Restore it in the lane's worktree (git checkout main"
                + " -- " + X + ")"), r.out());
        String files = filesOnMain(f);
        assertTrue(files.contains("src/g.txt") && files.contains(X), files);
        assertFalse(files.contains("src/r.txt"), "the parked lane lands none of its code");
        CliRun status = f.lane(f.repo, "status", "--wave", "45").expect(0);
        assertTrue(status.out().contains("its branch deletes or renames " + X), status.out());
    }

    @Test
    void aLaneRenamingAwayAMigrationALaneBeforeItListsIsParkedNamingThatLane() {
        WaveFixture f = withUnlistedMigration();
        Path lister = f.claim("45", "lister");
        Path remover = f.claim("45", "remover");
        f.submit(lister, "--manifest", "260_x.sql");
        f.git(remover, "mv", X, "scripts/migrations/261_x.sql");
        f.submit(remover);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("PARKED remover:\n  its branch deletes or renames " + X + ", which lane lister "
                + "(before it in the order) adds to the manifest"), r.out());
        assertTrue(f.onMain(WaveFixture.MANIFEST).endsWith("252_law_jorei_pref.sql\n260_x.sql\n"));
        assertTrue(filesOnMain(f).contains(X));
    }

    @Test
    void aLaneListingAMigrationALaneBeforeItDeletesIsParkedNamingThatLane() {
        WaveFixture f = withUnlistedMigration();
        Path lister = f.claim("45", "lister");
        Path remover = f.claim("45", "remover");
        f.submit(lister, "--manifest", "260_x.sql");
        f.git(remover, "rm", "-q", X);
        f.submit(remover);

        CliRun r = f.integrate("--wave", "45", "--order", "remover").expect(4);

        assertTrue(r.out().contains("PARKED lister:\n  manifest entry 260_x.sql of this lane names " + X
                + ", which lane remover (before it in the order) deletes or renames. Run lane sync"), r.out());
        assertFalse(f.onMain(WaveFixture.MANIFEST).contains("260_x.sql"));
        assertFalse(filesOnMain(f).contains(X));
    }

    @Test
    void aNumberMainTookWhileTheLaneWaitedIsRefusedAtResubmitAfterSyncInTheIntegratorsWords() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.submitted("45", "dimB", "scripts/migrations/262_b.sql", "-- b\n");
        f.write(a, "scripts/migrations/262_a.sql", "-- a\n");
        f.submit(a);
        CliRun parked = f.integrate("--wave", "45", "--order", "dimA").expect(4);
        String taken = "migration number 262 is taken twice: 262_b.sql (this lane) and 262_a.sql";
        assertTrue(parked.out().contains(taken + " (lane dimA)"), parked.out());

        f.lane(b, "sync").expect(0);
        CliRun resubmit = f.lane(b, "submit");

        assertEquals(2, resubmit.exitCode(), resubmit.toString());
        assertTrue(resubmit.err().contains(taken + " (already in the manifest). Renumber this lane's migration"),
                resubmit.err());
    }

    @Test
    void anEarlierEntryMainListsByNowIsDroppedWithANoticeWhenTheLaneResubmitsAfterSync() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.submitted("45", "dimA", "scripts/migrations/262_a.sql", "-- a\n");
        f.integrate("--wave", "45").expect(0);
        f.lane(a, "sync").expect(0);
        f.write(a, "src/more.txt", "more\n");

        CliRun again = f.submit(a);

        assertTrue(again.out().contains("dropped the earlier manifest entry 262_a.sql: the manifest lists it "
                + "already"), again.out());
        f.integrate("--wave", "45").expect(0);
        assertTrue(f.onMain(WaveFixture.MANIFEST).endsWith("252_law_jorei_pref.sql\n262_a.sql\n"));
    }

    @Test
    void aLaneRenamingItsOwnLandedMigrationAwayIsRefusedAtSubmitNotTakenAndParkedLater() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.submitted("45", "dimA", "scripts/migrations/262_a.sql", "-- a\n");
        f.integrate("--wave", "45").expect(0);
        String submission = f.read(f.repo, "tools/offline/_inbox/45/dimA/submission.json");
        f.git(a, "mv", "scripts/migrations/262_a.sql", "scripts/migrations/263_a.sql"); // goes on working, no sync
        String head = f.git(a, "rev-parse", "HEAD");

        CliRun r = f.lane(a, "submit", "-m", "renumber");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("deletes or renames scripts/migrations/262_a.sql, which main's manifest lists "
                + "(this lane's entry 262_a.sql landed)"), r.err());
        assertFalse(r.err().contains("dropped the earlier manifest entry"), r.err());
        assertEquals(head, f.git(a, "rev-parse", "HEAD"), "-m must not have committed");
        assertEquals(submission, f.read(f.repo, "tools/offline/_inbox/45/dimA/submission.json"));
    }
}
