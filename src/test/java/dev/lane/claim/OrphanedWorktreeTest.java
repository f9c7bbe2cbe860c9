package dev.lane.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.fs.SafeFiles;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import dev.lane.support.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lane's claim folder removed by hand (an inbox clean-up gone wrong) leaves its worktree and branch behind: lane
 * must say what that worktree is and how to get its work out, not call it "not a lane's worktree" or "something lane
 * did not create".
 */
class OrphanedWorktreeTest {
    @TempDir
    Path tmp;
    TestRepo repo;
    Path wt;

    @BeforeEach
    void claimThenLoseTheClaimFolder() throws Exception {
        repo = TestRepo.create(tmp);
        repo.lane("claim", "--wave", "45", "--lane", "dimA").expect(0);
        wt = repo.worktree("45", "dimA");
        TestRepo.write(wt, "src/work.py", "work = 1\n");
        SafeFiles.deleteTree(repo.claimDir("45", "dimA"));
    }

    @Test
    void submitInTheWorktreeNamesItsLaneFromTheLedgerAndTheWayOut() {
        CliRun r = repo.laneIn(wt, "submit", "-m", "work");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(wt + " is the worktree of lane dimA of wave 45")
                && r.err().contains("its claim folder " + repo.claimDir("45", "dimA") + " is gone")
                && r.err().contains("git branch -m lane/45/dimA kept/lane/45/dimA")
                && r.err().contains("git worktree remove " + wt), r.err());
        assertTrue(Git.ok(wt, "status", "--porcelain").contains("src/work.py"), "nothing was committed");
    }

    @Test
    void claimingTheLaneAgainSaysTheWorktreePathIsAnOrphanedWorktreeAndLeavesItAlone() {
        CliRun r = repo.lane("claim", "--wave", "45", "--lane", "dimA");

        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("it is a git worktree of this repository, on branch lane/45/dimA, that no claim "
                + "holds") && r.err().contains("git worktree remove " + wt), r.err());
        assertTrue(Files.exists(wt.resolve("src/work.py")), "the worktree's work is untouched");
        assertTrue(Files.notExists(repo.claimDir("45", "dimA")), "the refused claim left no claim folder");
    }

    @Test
    void followingTheWayOutGetsTheWorkBackIntoANewClaimOfTheLane() {
        Git.ok(wt, "add", "-A");
        Git.ok(wt, "commit", "-qm", "work");
        Git.ok(wt, "branch", "-m", "lane/45/dimA", "kept/lane/45/dimA");
        Git.ok(repo.root(), "worktree", "remove", wt.toString());

        repo.lane("claim", "--wave", "45", "--lane", "dimA").expect(0);
        Git.ok(wt, "merge", "-q", "kept/lane/45/dimA");

        assertEquals("work = 1\n", TestRepo.read(wt, "src/work.py"));
        repo.laneIn(wt, "submit").expect(0);
    }
}
