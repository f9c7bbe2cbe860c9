package dev.lane.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.testing.TestRepo;
import dev.lane.testing.TestRepo.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseTest {
    @TempDir
    Path tmp;
    TestRepo repo;
    Path wt;

    @BeforeEach
    void claim() throws Exception {
        repo = TestRepo.create(tmp);
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimA").exitCode());
        wt = repo.worktree("45", "dimA");
    }

    @Test
    void anUntouchedLaneIsReleasedAndCanBeClaimedAgain() {
        Run r = repo.lane("release", "--wave", "45", "--lane", "dimA");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(Files.exists(wt));
        assertFalse(Files.exists(repo.inbox().resolve("45/dimA")));
        assertEquals("", repo.git("branch", "--list", "lane/45/dimA").strip());
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimA").exitCode());
        assertTrue(repo.lane("ledger", "--wave", "45").out().contains("released"));
    }

    @Test
    void uncommittedWorkIsRefusedAndNothingChanges() throws Exception {
        TestRepo.write(wt, "app/wip.py", "x = 1\n");
        var before = repo.inboxListing();
        Run r = repo.lane("release", "--wave", "45", "--lane", "dimA");
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("uncommitted changes") && r.err().contains("app/wip.py"), r.err());
        assertTrue(Files.exists(wt.resolve("app/wip.py")));
        assertEquals(before, repo.inboxListing());
    }

    @Test
    void unsubmittedCommitsAreRefused() throws Exception {
        TestRepo.write(wt, "app/done.py", "x = 1\n");
        TestRepo.gitIn(wt, "add", "-A");
        TestRepo.gitIn(wt, "commit", "-qm", "work");
        Run r = repo.lane("release", "--wave", "45", "--lane", "dimA");
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("never submitted"), r.err());
    }

    @Test
    void aForcedReleaseKeepsTheBranchCommitUnderTheArchiveSoNothingIsLost() throws Exception {
        TestRepo.write(wt, "app/done.py", "x = 1\n");
        TestRepo.gitIn(wt, "add", "-A");
        TestRepo.gitIn(wt, "commit", "-qm", "work");
        String head = TestRepo.gitIn(wt, "rev-parse", "HEAD").strip();

        Run r = repo.lane("release", "--wave", "45", "--lane", "dimA", "--force", "--json");

        assertEquals(0, r.exitCode(), r.toString());
        String archived = repo.git("for-each-ref", "--format=%(objectname)", "refs/lane-archive/45/dimA/").strip();
        assertEquals(head, archived);
        assertTrue(r.out().contains("refs/lane-archive/45/dimA/"), r.out());
    }

    @Test
    void releasingALaneThatIsNotClaimedIsAUsageError() {
        Run r = repo.lane("release", "--wave", "45", "--lane", "nope");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lane nope of wave 45 is not claimed"), r.err());
    }

    @Test
    void aDamagedClaimRecordIsRefusedWithTheWayOutAndForceRemovesIt() throws Exception {
        Files.writeString(repo.inbox().resolve("45/dimA/claim.json"), "{broken");
        Run refused = repo.lane("release", "--wave", "45", "--lane", "dimA");
        assertEquals(5, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("damaged") && refused.err().contains("--force"), refused.err());
        Run forced = repo.lane("release", "--wave", "45", "--lane", "dimA", "--force");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertFalse(Files.exists(repo.inbox().resolve("45/dimA")));
    }
}
