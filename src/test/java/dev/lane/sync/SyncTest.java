package dev.lane.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.integrate.WaveFixture;
import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncTest {
    @TempDir
    Path tmp;

    @Test
    void syncMergesCurrentMainIntoTheLaneBranchAndLogsIt() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "src/a.txt", "A\n");
        f.submit(a);
        f.integrate("--wave", "45").expect(0);
        f.write(b, "src/b.txt", "B\n");
        f.git(b, "add", "-A");
        f.git(b, "commit", "-qm", "B's work");

        CliRun r = f.lane(b, "sync").expect(0);

        assertTrue(r.out().contains("merged main"), r.out());
        assertEquals("A\n", f.read(b, "src/a.txt"));
        f.git(b, "merge-base", "--is-ancestor", "refs/heads/main", "HEAD");
        assertTrue(f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md").contains("| synced | 45 | dimB |"));
        assertTrue(f.lane(b, "sync").expect(0).out().contains("already contains main"));
    }

    @Test
    void syncLeavesConflictsInTheWorktreeForTheAgentAndExits4() {
        WaveFixture f = WaveFixture.create(tmp);
        Path b = f.laneConflictingWithMain();

        CliRun r = f.lane(b, "sync", "--json").expect(4);

        assertTrue(r.out().contains("\"conflicts\" : [ \"src/app.txt\" ]"), r.out());
        assertTrue(f.read(b, "src/app.txt").contains("<<<<<<<"), "git's conflict markers are left for the agent");
        assertTrue(f.git(b, "status", "--porcelain").contains("UU src/app.txt"));
        CliRun again = f.lane(b, "sync").expect(2);
        assertTrue(again.err().contains("already in progress"), again.err());
    }

    @Test
    void syncRefusesAWorktreeWithUncommittedChangesAndChangesNothing() {
        WaveFixture f = WaveFixture.create(tmp);
        Path b = f.claim("45", "dimB");
        f.write(b, "src/app.txt", "dirty\n");
        String head = f.git(b, "rev-parse", "HEAD");

        CliRun r = f.lane(b, "sync").expect(2);

        assertTrue(r.err().contains("uncommitted changes") && r.err().contains("src/app.txt"), r.err());
        assertEquals(head, f.git(b, "rev-parse", "HEAD"));
        assertEquals("dirty\n", f.read(b, "src/app.txt"));
    }

    @Test
    void syncRefusesAWorktreeOffTheLanesBranchInsteadOfMergingMainIntoADetachedHead() {
        WaveFixture f = WaveFixture.create(tmp);
        Path b = f.claim("45", "dimB");
        f.commitOnMain("src/other.txt", "moved\n", "main moves");
        f.git(b, "checkout", "-q", "--detach");
        String head = f.git(b, "rev-parse", "HEAD");

        CliRun r = f.lane(b, "sync").expect(2);

        assertTrue(r.err().contains("not on the lane's branch lane/45/dimB") && r.err().contains("detached"),
                r.err());
        assertEquals(head, f.git(b, "rev-parse", "HEAD"), "main was not merged into the detached HEAD");
        assertEquals(head, f.git(b, "rev-parse", "refs/heads/lane/45/dimB"));
    }

    @Test
    void syncRebaseAfterASquashedPassKeepsTheLanesSharedFilesAtMainsContent() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        String edited = WaveFixture.DEPLOY.replace("make smoke", "make smoke-all");
        f.write(a, ".github/workflows/deploy.yml", edited);
        f.write(a, "src/a.txt", "A\n");
        f.submit(a);
        f.integrate("--wave", "45", "--squash").expect(0);

        CliRun r = f.lane(a, "sync", "--rebase").expect(0);

        assertTrue(r.out().contains("rebased onto main"), r.out());
        assertEquals("", f.git(a, "diff", "--name-only", "refs/heads/main", "HEAD", "--", ".github"),
                "the rebased branch changes no shared file relative to main");
        f.write(a, "src/a2.txt", "A2\n");
        f.submit(a);
        f.integrate("--wave", "45", "--squash").expect(0);
        assertEquals(edited, f.onMain(".github/workflows/deploy.yml"));
        assertEquals("A2\n", f.onMain("src/a2.txt"));
    }

    @Test
    void syncWithTheMainBranchMissingIsAUsageErrorNamingMainNotAnInternalError() {
        WaveFixture f = WaveFixture.create(tmp);
        Path b = f.claim("45", "dimB");
        f.git(f.repo, "branch", "-m", "main", "trunk");
        String head = f.git(b, "rev-parse", "HEAD");

        CliRun r = f.lane(b, "sync").expect(2);

        assertTrue(r.err().contains("the main branch 'main' does not exist") && r.err().contains("lanes.yml"),
                r.err());
        assertTrue(!r.err().contains("please report it"), r.err());
        assertEquals(head, f.git(b, "rev-parse", "HEAD"));
    }
}
