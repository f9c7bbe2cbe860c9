package dev.lane.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.integrate.WaveFixture;
import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lane submit -m} commits everything in the worktree: it must not do so while git is half-way through
 * something (conflicts a sync left, a rebase) or while the worktree is off the lane's branch, because what it would
 * commit and submit is not the lane's work as the agent means it. Refused with exit 2, nothing changed.
 */
class SubmitWorktreeStateTest {
    @TempDir
    Path tmp;

    @Test
    void submitWithMessageRefusesConflictsASyncLeftAndCommitsNoConflictMarkers() {
        WaveFixture f = WaveFixture.create(tmp);
        Path b = syncLeftInConflict(f);
        String head = f.git(b, "rev-parse", "HEAD");
        Path submission = f.repo.resolve("tools/offline/_inbox/45/dimB/submission.json");
        String submitted = f.read(submission.getParent(), "submission.json");

        CliRun r = f.lane(b, "submit", "-m", "done").expect(2);

        assertTrue(r.err().contains("src/app.txt") && r.err().contains("conflict"), r.err());
        assertEquals(head, f.git(b, "rev-parse", "HEAD"), "nothing was committed");
        assertTrue(f.git(b, "status", "--porcelain").contains("UU src/app.txt"), "the conflict is left as it was");
        assertEquals(submitted, f.read(submission.getParent(), "submission.json"), "the submission is unchanged");
        assertFalse(f.git(b, "log", "-p", "--all", "--", "src/app.txt").contains("<<<<<<<"),
                "no conflict marker reaches any commit");
    }

    @Test
    void submitAndSyncOfAWorktreeWhoseGitFileIsGoneSayHowToRepairItAndWorkAfterTheRepair() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.write(a, "src/a.txt", "A\n");
        java.nio.file.Files.delete(a.resolve(".git")); // a clean-up of old files in /tmp

        for (String command : new String[] {"submit", "sync"}) {
            CliRun r = f.lane(f.repo, command, "--wave", "45", "--lane", "dimA").expect(5);
            assertTrue(r.err().contains("is no longer a git worktree") && r.err().contains("git -C " + f.repo
                    + " worktree repair") && !r.err().contains("please report"), r.err());
        }
        assertFalse(java.nio.file.Files.exists(f.repo.resolve("tools/offline/_inbox/45/dimA/submission.json")));

        f.git(f.repo, "worktree", "repair");
        f.lane(f.repo, "submit", "--wave", "45", "--lane", "dimA", "-m", "a").expect(0);
    }

    @Test
    void aWorktreeWhoseGitFileIsGoneAndThatGitPrunedIsNotSentToARepairThatCannotWorkButToAForcedRelease()
            throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.claim("45", "dimB");
        java.nio.file.Files.delete(a.resolve(".git"));
        f.lane(f.repo, "release", "--wave", "45", "--lane", "dimB").expect(0); // runs git worktree prune

        CliRun r = f.lane(f.repo, "submit", "--wave", "45", "--lane", "dimA").expect(5);

        assertTrue(r.err().contains("cannot be repaired") && r.err().contains("lane release --wave 45 --lane dimA "
                + "--force") && !r.err().contains("worktree repair ("), r.err());
        f.lane(f.repo, "release", "--wave", "45", "--lane", "dimA").expect(5);
        f.lane(f.repo, "release", "--wave", "45", "--lane", "dimA", "--force").expect(0);
        f.claim("45", "dimA");
    }

    @Test
    void submitWithMessageConcludesASyncMergeWhoseConflictsWereResolved() {
        WaveFixture f = WaveFixture.create(tmp);
        Path b = syncLeftInConflict(f);
        f.write(b, "src/app.txt", "A and B\n");
        f.git(b, "add", "src/app.txt");

        f.lane(b, "submit", "-m", "merge main, keep both").expect(0);

        assertEquals("A and B\n", f.read(b, "src/app.txt"));
        f.git(b, "merge-base", "--is-ancestor", "refs/heads/main", "refs/heads/lane/45/dimB");
        assertEquals("", f.git(b, "status", "--porcelain"));
    }

    @Test
    void submitWithMessageOfChangesThatCancelOutCommitsNothingAndSubmits() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.git(a, "rm", "-q", "--cached", "src/app.txt"); // staged deletion, file still there: git add -A undoes it
        String head = f.git(a, "rev-parse", "HEAD");

        CliRun r = f.lane(a, "submit", "--json", "-m", "work").expect(0);

        assertTrue(r.out().contains("\"committedWork\" : false"), r.out());
        assertEquals(head, f.git(a, "rev-parse", "HEAD"));
        assertEquals("", f.git(a, "status", "--porcelain"), "the file is tracked again, as it was");
    }

    @Test
    void submitRefusesAWorktreeOffTheLanesBranchAndChangesNothing() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.git(a, "checkout", "-q", "--detach");
        f.write(a, "src/a.txt", "A\n");
        String branchHead = f.git(a, "rev-parse", "refs/heads/lane/45/dimA");

        CliRun r = f.lane(a, "submit", "-m", "work").expect(2);

        assertTrue(r.err().contains("lane/45/dimA") && r.err().contains("detached"), r.err());
        assertEquals(branchHead, f.git(a, "rev-parse", "HEAD"), "nothing was committed");
        assertTrue(f.git(a, "status", "--porcelain").contains("?? src/a.txt"), "the work is left uncommitted");
        assertFalse(Files.exists(f.repo.resolve("tools/offline/_inbox/45/dimA/submission.json")), "no submission");
    }

    /**
     * Lane dimB of wave 45 after a sync that stopped on a conflict: dimA landed "A" in src/app.txt, dimB submitted "B"
     * there, then synced (exit 4, the conflict left in its worktree). Returns dimB's worktree.
     */
    private static Path syncLeftInConflict(WaveFixture f) {
        Path b = f.laneConflictingWithMain();
        f.lane(b, "sync").expect(4);
        return b;
    }

    @Test
    void submitOfAWorktreeWhoseLaneBranchWasRenamedSaysToRenameItBack() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.write(a, "src/a.txt", "A\n");
        f.git(a, "branch", "-m", "lane/45/dimA", "renamed");

        CliRun r = f.lane(a, "submit", "-m", "work").expect(2);

        assertTrue(r.err().contains("no longer exists") && r.err().contains("git branch -m renamed lane/45/dimA")
                && !r.err().contains("git switch"), r.err());
        f.git(a, "branch", "-m", "renamed", "lane/45/dimA");
        f.lane(a, "submit", "-m", "work").expect(0);
    }
}
