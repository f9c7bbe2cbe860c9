package dev.lane.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.ledger.LedgerReader.Verification;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import dev.lane.support.JvmProcess;
import dev.lane.support.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code lane release} killed with kill -9 part-way (stopped at a {@code LANE_CRASH_AT} point, then SIGKILLed)
 * leaves the claim in place; running release again finishes the job, keeps the branch's commit under one archive ref
 * and says where, in its output and in the ledger.
 */
class ReleaseCrashTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"release-after-archive", "release-after-worktree-remove", "release-after-branch-delete"})
    void aReleaseKilledPartWayIsFinishedByReleasingAgainWithOneArchiveRefItNames(String point) throws Exception {
        TestRepo repo = TestRepo.create(temp);
        repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1").expect(0);
        Path wt = repo.worktree("45", "dimA");
        TestRepo.write(wt, "src/work.py", "WORK = 1\n");
        repo.laneIn(wt, "submit", "-m", "work").expect(0);
        String head = Git.ok(wt, "rev-parse", "HEAD").strip();

        JvmProcess crasher = JvmProcess.lane("release", "--wave", "45", "--lane", "dimA").in(repo.root())
                .logs(temp.resolve("logs")).name("crasher").killedAt(point);
        assertTrue(Files.isDirectory(repo.claimDir("45", "dimA")), "the claim is still in place");

        CliRun again = repo.lane("release", "--json", "--wave", "45", "--lane", "dimA").expect(0);

        List<String> archives = Arrays.stream(repo.git("for-each-ref", "--format=%(refname) %(objectname)",
                "refs/lane-archive/").split("\n")).filter(l -> !l.isBlank()).toList();
        assertEquals(1, archives.size(), () -> "the branch's commit is kept once: " + archives);
        String archive = archives.get(0).split(" ")[0];
        assertEquals(head, archives.get(0).split(" ")[1]);
        JsonNode doc = new ObjectMapper().readTree(again.out());
        assertEquals(archive, doc.get("archivedRef").asText(), again::toString);
        assertEquals(List.of("main"), repo.branches());
        assertEquals(1, repo.worktrees().size(), "only the main checkout is left");
        assertFalse(Files.exists(repo.claimDir("45", "dimA")));

        List<LedgerEntry> released = LedgerReader.read(repo.ledger("45")).stream().map(LedgerReader.Recorded::entry)
                .filter(e -> e.event() == LedgerEvent.RELEASED).toList();
        assertEquals(1, released.size(), released::toString);
        assertTrue(released.get(0).detail().contains("branch kept as " + archive), released::toString);
        assertTrue(LedgerReader.verify(repo.ledger("45")) instanceof Verification.Intact);

        repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a2").expect(0);
    }

    @org.junit.jupiter.api.Test
    void releasingALaneWhoseClaimantDiedMidClaimSaysItIsGoneAndThatRetryingWillNotHelp() throws Exception {
        TestRepo repo = TestRepo.create(temp);
        JvmProcess crasher = JvmProcess.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1")
                .in(repo.root()).logs(temp.resolve("logs"))
                .name("crasher").killedAt("claim-after-worktree-add");

        CliRun release = repo.lane("release", "--wave", "45", "--lane", "dimA");

        assertEquals(5, release.exitCode(), () -> "a dead claimant never finishes its claim: not retryable, "
                + release);
        assertTrue(release.err().contains("pid " + crasher.pid()) && release.err().contains("is gone")
                && release.err().contains("--force"), release::toString);
        assertTrue(Files.isDirectory(repo.claimDir("45", "dimA")), "nothing changed");
        repo.lane("release", "--wave", "45", "--lane", "dimA", "--force").expect(0);
        repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a2").expect(0);
    }

    @ParameterizedTest(name = "claimant killed at {0}")
    @ValueSource(strings = {"claim-after-mkdir", "claim-after-record", "claim-after-branch",
            "claim-after-worktree-add"})
    void aForcedReleaseFreesALaneWhoseClaimantWasKilledAtAnyStep(String point) throws Exception {
        TestRepo repo = TestRepo.create(temp);
        JvmProcess crasher = JvmProcess.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1")
                .in(repo.root()).logs(temp.resolve("logs")).name("crasher").killedAt(point);

        CliRun unforced = repo.lane("release", "--wave", "45", "--lane", "dimA");
        assertEquals(5, unforced.exitCode(), () -> "the dead claim never finishes: not retryable, " + unforced);
        assertTrue(unforced.err().contains("--force"), unforced::toString);
        assertTrue(Files.isDirectory(repo.claimDir("45", "dimA")), "nothing changed");

        CliRun release = repo.lane("release", "--wave", "45", "--lane", "dimA", "--force");

        assertEquals(0, release.exitCode(), release::toString);
        assertFalse(Files.exists(repo.claimDir("45", "dimA")), "the claim folder is gone");
        assertEquals(List.of("main"), repo.branches());
        assertEquals(1, repo.worktrees().size(), "only the main checkout is left");
        assertEquals(List.of(), repo.worktreeFolders(), "no worktree folder is left");
        List<LedgerEntry> released = LedgerReader.read(repo.ledger("45")).stream().map(LedgerReader.Recorded::entry)
                .filter(e -> e.event() == LedgerEvent.RELEASED).toList();
        assertEquals(1, released.size(), released::toString);
        assertTrue(LedgerReader.verify(repo.ledger("45")) instanceof Verification.Intact);
        repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a2").expect(0);
    }
}
