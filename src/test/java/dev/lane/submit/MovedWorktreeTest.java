package dev.lane.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.integrate.WaveFixture;
import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lane's worktree moved by hand with {@code git worktree move}: lane knows the lane by the path it claimed, so
 * every command that needs the worktree names where it went and how to move it back, and none takes it for gone
 * (release would otherwise delete the branch under it and report the worktree "already gone").
 */
class MovedWorktreeTest {
    @TempDir
    Path tmp;

    /** Lane dimA of wave 45 with a commit, its worktree moved to {@code tmp/elsewhere}; returns the new place. */
    private static Path movedLane(WaveFixture f, Path worktree, Path tmp) {
        f.write(worktree, "src/a.txt", "A\n");
        f.git(worktree, "add", "-A");
        f.git(worktree, "-c", "user.name=t", "-c", "user.email=t@lane.invalid", "commit", "-qm", "a");
        Path elsewhere = tmp.resolve("elsewhere");
        f.git(f.repo, "worktree", "move", worktree.toString(), elsewhere.toString());
        return elsewhere;
    }

    @Test
    void submitAndSyncOfAMovedWorktreeSayWhereItWentAndHowToMoveItBack() {
        WaveFixture f = WaveFixture.create(tmp);
        Path worktree = f.claim("45", "dimA");
        Path elsewhere = movedLane(f, worktree, tmp);
        String moveBack = "git worktree move " + elsewhere + " " + worktree;

        CliRun inIt = f.lane(elsewhere, "submit", "-m", "work");
        CliRun byName = f.lane(f.repo, "sync", "--wave", "45", "--lane", "dimA");

        assertEquals(2, inIt.exitCode(), inIt.toString());
        assertTrue(inIt.err().contains("lane dimA of wave 45") && inIt.err().contains(moveBack), inIt.err());
        assertEquals(5, byName.exitCode(), byName.toString());
        assertTrue(byName.err().contains("was moved to " + elsewhere) && byName.err().contains(moveBack)
                && !byName.err().contains("release"), byName.err());
        f.git(f.repo, "worktree", "move", elsewhere.toString(), worktree.toString());
        f.lane(worktree, "submit", "-m", "work").expect(0);
        f.integrate("--wave", "45").expect(0);
        assertEquals("A\n", f.onMain("src/a.txt"));
    }

    @Test
    void releaseOfAMovedWorktreeRefusesInsteadOfDeletingTheBranchUnderIt() {
        WaveFixture f = WaveFixture.create(tmp);
        Path worktree = f.claim("45", "dimA");
        Path elsewhere = movedLane(f, worktree, tmp);
        f.write(elsewhere, "src/uncommitted.txt", "not committed\n");

        CliRun r = f.lane(f.repo, "release", "--wave", "45", "--lane", "dimA", "--force");

        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("was moved to " + elsewhere) && r.err().contains("Nothing was changed"), r.err());
        assertTrue(Files.exists(f.repo.resolve("tools/offline/_inbox/45/dimA/claim.json")), "still claimed");
        assertEquals("refs/heads/lane/45/dimA\n", f.git(elsewhere, "symbolic-ref", "HEAD"));
        assertTrue(!f.git(f.repo, "rev-parse", "--verify", "-q", "refs/heads/lane/45/dimA").isBlank(),
                "the branch is still there");
        assertEquals("", f.git(f.repo, "for-each-ref", "refs/lane-archive"), "nothing archived");
    }
}
