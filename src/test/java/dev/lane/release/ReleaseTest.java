package dev.lane.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimStore;
import dev.lane.inbox.Inbox;
import dev.lane.integrate.IntegrateLock;
import dev.lane.json.Json;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.submit.LaneWorkLock;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import dev.lane.support.JvmProcess;
import dev.lane.support.RepoState;
import dev.lane.support.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(Files.exists(wt));
        assertFalse(Files.exists(repo.inbox().resolve("45/dimA")));
        assertEquals("", repo.git("branch", "--list", "lane/45/dimA").strip());
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimA").exitCode());
        assertTrue(repo.lane("ledger", "--wave", "45").out().contains("released"));
    }

    @Test
    void aWorktreeWhoseGitFileATmpCleanerDeletedIsRefusedWithoutForceChangingNothingAndReleasedWithForce()
            throws Exception {
        TestRepo.write(wt, "src/notes.txt", "maybe work\n");
        Files.delete(wt.resolve(".git")); // what systemd-tmpfiles does to an old, untouched file in /tmp
        String refsBefore = repo.git("for-each-ref");
        var inboxBefore = RepoState.tree(repo.inbox());

        CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA");

        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("is no longer a git worktree") && r.err().contains("--force")
                && !r.err().contains("please report"), r.err());
        assertEquals(refsBefore, repo.git("for-each-ref"), "a refusal changes nothing: no archive ref either");
        assertEquals(inboxBefore, RepoState.tree(repo.inbox()));
        assertTrue(Files.exists(wt.resolve("src/notes.txt")));

        CliRun forced = repo.lane("release", "--wave", "45", "--lane", "dimA", "--force");

        assertEquals(0, forced.exitCode(), forced.toString());
        assertFalse(Files.exists(wt));
        assertEquals("", repo.git("branch", "--list", "lane/45/dimA").strip());
        assertFalse(repo.git("worktree", "list").contains(wt.toString()));
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimA").exitCode());
    }

    @Test
    void aReleaseWhileASubmitOfTheLaneRunsIsContentionAndEvenWithForceRemovesNothing() throws Exception {
        RepoState before = RepoState.of(repo);
        Inbox inbox = new Inbox(repo.inbox());
        ClaimRecord claim = new ClaimStore(inbox).require(new WaveId("45"), new LaneId("dimA"));
        try (LaneWorkLock submitting = LaneWorkLock.acquire(inbox, new WaveId("45"), new LaneId("dimA"), "submit",
                "agent-dimA", claim, Instant.now())) {
            CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA", "--force");
            assertEquals(3, r.exitCode(), r.toString());
            assertTrue(r.err().contains("is busy: another submit, sync or release of it is running (submit by agent "
                    + "agent-dimA"), r.err());
        }
        assertTrue(Files.isDirectory(wt));
        assertEquals(before, RepoState.of(repo));
        assertEquals(0, repo.lane("release", "--wave", "45", "--lane", "dimA").exitCode());
    }

    @Test
    void releasingASubmittedLaneThatHasNotLandedSaysItsSubmissionLeavesTheWave() throws Exception {
        TestRepo.write(wt, "src/done.py", "x = 1\n");
        assertEquals(0, repo.laneIn(wt, "submit", "-m", "work").exitCode());

        CliRun r = repo.lane("--json", "release", "--wave", "45", "--lane", "dimA", "--agent", "operator");

        assertEquals(0, r.exitCode(), r.toString());
        JsonNode doc = Json.mapper().readTree(r.out());
        assertEquals(1, doc.get("withdrawnSubmission").asInt(), r.out());
        assertEquals("operator", doc.get("agent").asText(), "who released, as claim and submit name their agent");
        assertEquals(wt.toString(), doc.get("worktreeRemoved").asText());
        String archived = doc.get("archivedRef").asText();
        String moved = doc.get("claimMovedTo").asText();
        assertEquals(archived.substring(archived.lastIndexOf('/') + 1), moved.substring(moved.lastIndexOf('.') + 1),
                "one time names both");
        assertTrue(repo.lane("ledger", "--wave", "45").out().contains("submission 1 withdrawn"));
    }

    @Test
    void releasingALaneThatLandedWithSquashWithdrawsNothing() throws Exception {
        TestRepo.write(wt, "src/done.py", "x = 1\n");
        assertEquals(0, repo.laneIn(wt, "submit", "-m", "work").exitCode());
        CliRun landed = repo.lane("integrate", "--wave", "45", "--squash");
        assertEquals(0, landed.exitCode(), landed.toString());

        CliRun r = repo.lane("--json", "release", "--wave", "45", "--lane", "dimA");

        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Json.mapper().readTree(r.out()).get("withdrawnSubmission").isNull(), r.out());
        assertFalse(repo.lane("ledger", "--wave", "45").out().contains("withdrawn"));
    }

    @Test
    void aReleaseWhileAnIntegrateOfTheWaveRunsIsContentionAndEvenWithForceRemovesNothing() throws Exception {
        RepoState before = RepoState.of(repo);
        try (IntegrateLock integrating = IntegrateLock.acquire(new Inbox(repo.inbox()), new WaveId("45"),
                "integrator", Instant.now())) {
            CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA", "--force");
            assertEquals(3, r.exitCode(), r.toString());
            assertTrue(r.err().contains("wave 45 is busy: integrate by agent integrator, pid "), r.err());
        }
        assertTrue(Files.isDirectory(wt));
        assertEquals(before, RepoState.of(repo));
    }

    @Test
    void aReleaseWaitsForAnotherReleaseOfTheWaveInsteadOfFailing() throws Exception {
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimB").exitCode());
        JvmProcess other = JvmProcess.java(ReleaseLockHolderMain.class, repo.inbox().toString(), "45", "dimB", "2000")
                .name("release-of-dimB").logs(repo.temp()).start();
        try {
            other.awaitStderr("held", Duration.ofSeconds(60));
            assumeTrue(other.isAlive(), "the other release must still hold the wave's lock when this one starts");

            CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA");

            assertEquals(0, r.exitCode(), "waited for the other release instead of exit 3: " + r);
            assertFalse(Files.exists(wt));
            assertEquals(0, other.await(Duration.ofSeconds(60)).exitCode());
        } finally {
            JvmProcess.killAll(List.of(other));
        }
    }

    @Test
    void releasingALaneWhoseWorktreeIsAlreadyGoneSaysSoInsteadOfClaimingToRemoveIt() throws Exception {
        Git.ok(repo.root(), "worktree", "remove", "--force", wt.toString());

        CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA");

        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("released lane dimA of wave 45; worktree " + wt + " was already gone"), r.out());
        assertFalse(r.out().contains("leaves the wave"), r.out());
    }

    @Test
    void uncommittedWorkIsRefusedAndNothingChanges() throws Exception {
        TestRepo.write(wt, "src/wip.py", "x = 1\n");
        RepoState before = RepoState.of(repo);
        CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA");
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("uncommitted changes") && r.err().contains("src/wip.py"), r.err());
        assertTrue(Files.exists(wt.resolve("src/wip.py")));
        assertEquals(before, RepoState.of(repo));
    }

    @Test
    void unsubmittedCommitsAreRefused() throws Exception {
        commitWork("work");
        CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA");
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("never submitted"), r.err());
    }

    @Test
    void aLaneThatOnlyTookMainInWithSyncAfterItsSubmitIsReleasedWithoutForce() throws Exception {
        submittedWorkThenMainMoves();
        repo.laneIn(wt, "sync").expect(0);

        CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA");

        assertEquals(0, r.exitCode(), "a merge of main adds no work of the lane's own: " + r);
    }

    @Test
    void aLaneRebasedOntoMainBySyncAfterItsSubmitIsReleasedWithoutForce() throws Exception {
        submittedWorkThenMainMoves();
        repo.laneIn(wt, "sync", "--rebase").expect(0);

        CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA");

        assertEquals(0, r.exitCode(), "the rebased commits hold the submitted work and main's, nothing more: " + r);
    }

    @Test
    void workCommittedAfterASyncIsStillRefused() throws Exception {
        submittedWorkThenMainMoves();
        repo.laneIn(wt, "sync").expect(0);
        TestRepo.write(wt, "src/later.py", "y = 2\n");
        Git.ok(wt, "add", "-A");
        Git.ok(wt, "commit", "-qm", "work after the sync");

        CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA");

        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("never submitted"), r.err());
        assertTrue(Files.exists(wt.resolve("src/later.py")), "nothing was removed");
    }

    @Test
    void aForcedReleaseKeepsTheBranchCommitUnderTheArchiveSoNothingIsLost() throws Exception {
        String head = commitWork("work");

        CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA", "--force", "--json");

        assertEquals(0, r.exitCode(), r.toString());
        String archived = repo.git("for-each-ref", "--format=%(objectname)", "refs/lane-archive/45/dimA/").strip();
        assertEquals(head, archived);
        assertTrue(r.out().contains("refs/lane-archive/45/dimA/"), r.out());
    }

    @Test
    void commitsMadeOnADetachedHeadInTheWorktreeAreRefusedAndNothingChanges() throws Exception {
        Git.ok(wt, "checkout", "-q", "--detach");
        String head = commitWork("work off the branch");
        RepoState before = RepoState.of(repo);

        CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA");

        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("detached") && r.err().contains(head.substring(0, 12)), r.err());
        assertEquals(before, RepoState.of(repo));
        assertEquals(head, Git.ok(wt, "rev-parse", "HEAD").strip());
    }

    @Test
    void aForcedReleaseKeepsTheCommitsOfADetachedHeadUnderTheArchiveToo() throws Exception {
        Git.ok(wt, "checkout", "-q", "--detach");
        String head = commitWork("work off the branch");

        CliRun r = repo.lane("release", "--wave", "45", "--lane", "dimA", "--force", "--json");

        assertEquals(0, r.exitCode(), r.toString());
        String kept = repo.git("for-each-ref", "--format=%(refname)", "--points-at", head, "refs/lane-archive/").strip();
        assertTrue(kept.startsWith("refs/lane-archive/45/dimA/"), "the detached commit is archived: " + kept);
        assertEquals(kept, Json.mapper().readTree(r.out()).get("archivedHeadRef").asText(), r.out());
    }

    @Test
    void releasingALaneThatIsNotClaimedIsAUsageError() {
        CliRun r = repo.lane("release", "--wave", "45", "--lane", "nope");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lane nope of wave 45 is not claimed"), r.err());
    }

    @Test
    void aDamagedClaimRecordIsRefusedWithTheWayOutAndForceRemovesIt() throws Exception {
        Files.writeString(repo.inbox().resolve("45/dimA/claim.json"), "{broken");
        CliRun refused = repo.lane("release", "--wave", "45", "--lane", "dimA");
        assertEquals(5, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("damaged") && refused.err().contains("--force"), refused.err());
        CliRun forced = repo.lane("release", "--wave", "45", "--lane", "dimA", "--force");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertFalse(Files.exists(repo.inbox().resolve("45/dimA")));
    }

    @Test
    void statusOfAWaveWhoseLanesWereAllReleasedSaysSoWithoutAnEmptyTable() {
        assertEquals(0, repo.lane("release", "--wave", "45", "--lane", "dimA").exitCode());

        CliRun status = repo.lane("status", "--wave", "45").expect(0);
        CliRun all = repo.lane("status").expect(0);

        assertEquals("wave 45: 0 lanes\n", status.out(), "a header row with no lane under it says nothing");
        assertEquals("no lane left in wave 45: lane ledger --wave 45 has its history\n", all.out(),
                "without --wave, emptied waves share one line at the end");
    }

    @Test
    void withoutWaveTheWavesWithNoLaneLeftShareOneLineAfterTheWavesInFlight() throws Exception {
        for (String w : List.of("44", "46")) {
            repo.lane("claim", "--wave", w, "--lane", "x").expect(0);
            repo.lane("release", "--wave", w, "--lane", "x").expect(0);
        }

        List<String> lines = repo.lane("status").expect(0).out().lines().toList();

        assertEquals("wave 45: 1 lane (1 claimed)", lines.get(0), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("wave 44") || l.startsWith("wave 46")),
                String.join("\n", lines));
        assertEquals("no lane left in waves 44, 46: lane ledger --wave W has their history",
                lines.get(lines.size() - 1));
        JsonNode json = Json.mapper().readTree(repo.lane("status", "--json").expect(0).out());
        assertEquals(3, json.get("waves").size(), "--json still lists every wave: " + json);
    }

    /** The lane commits work and submits it; then main gets a commit of its own, which the lane does not have. */
    private void submittedWorkThenMainMoves() {
        commitWork("work");
        repo.laneIn(wt, "submit").expect(0);
        TestRepo.write(repo.root(), "docs/elsewhere.md", "main moved on\n");
        Git.ok(repo.root(), "add", "docs/elsewhere.md");
        Git.ok(repo.root(), "commit", "-qm", "main moves");
    }

    /** Commits a file in the lane's worktree (not submitted) and returns the new HEAD. */
    private String commitWork(String message) {
        TestRepo.write(wt, "src/done.py", "x = 1\n");
        Git.ok(wt, "add", "-A");
        Git.ok(wt, "commit", "-qm", message);
        return Git.ok(wt, "rev-parse", "HEAD").strip();
    }
}
