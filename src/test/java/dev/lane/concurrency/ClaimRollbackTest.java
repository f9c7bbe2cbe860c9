package dev.lane.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.json.Json;
import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.support.CliRun;
import dev.lane.support.RepoState;
import dev.lane.support.TestRepo;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A claim that fails after its mkdir is rolled back completely, says why, and leaves the lane claimable. */
class ClaimRollbackTest {
    @TempDir
    Path temp;

    @Test
    void aWorktreePathThatAlreadyExistsIsRefusedLeftUntouchedAndTheClaimRolledBack() throws Exception {
        TestRepo repo = TestRepo.create(temp);
        Path worktree = repo.worktree("45", "dimA");
        Files.createDirectories(worktree.resolve("notes"));
        Files.writeString(worktree.resolve("notes/precious.txt"), "someone else's work\n");
        Map<String, String> before = RepoState.tree(worktree);

        CliRun claim = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1");

        assertEquals(5, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains(worktree.toString()) && claim.err().contains("already exists"),
                claim::toString);
        assertRolledBack(repo);
        assertEquals(before, RepoState.tree(worktree), "the pre-existing folder is untouched");

        CliRun retry = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1");
        assertEquals(5, retry.exitCode(), () -> "the failed claim does not block the lane (no exit 3): " + retry);

        deleteTree(worktree);
        CliRun afterwards = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1");
        assertEquals(0, afterwards.exitCode(), afterwards::toString);
    }

    @Test
    void anExistingLaneBranchIsRefusedLeftAsItWasAndTheClaimRolledBack() throws Exception {
        TestRepo repo = TestRepo.create(temp);
        String branch = "lane/45/dimA";
        repo.git("branch", branch, "main");
        String commit = repo.git("commit-tree", "-p", "main", "-m", "left over", "main^{tree}").strip();
        repo.git("update-ref", "refs/heads/" + branch, commit);

        CliRun claim = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1");

        assertEquals(5, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains("branch " + branch + " already exists (at " + commit.substring(0, 12) + ")"),
                claim::toString);
        assertFalse(Files.exists(repo.worktree("45", "dimA"), LinkOption.NOFOLLOW_LINKS), "no worktree folder left");
        assertEquals(List.of(repo.root().toRealPath()), ConcurrentClaimTest.realPaths(repo.worktrees()));
        assertEquals(commit, repo.git("rev-parse", "refs/heads/" + branch).strip(), "the branch is untouched");
        assertFalse(Files.exists(repo.claimDir("45", "dimA")), "the claim folder is gone");
        assertNoClaimedEntry(repo);

        repo.git("branch", "-D", branch);
        CliRun afterwards = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1");
        assertEquals(0, afterwards.exitCode(), afterwards::toString);
    }

    @Test
    void aFailingGitWorktreeAddRemovesTheFolderTheBranchAndTheClaimItMade() throws Exception {
        TestRepo repo = TestRepo.create(temp);
        Path admin = repo.root().resolve(".git/worktrees");
        Files.writeString(admin, "a file where git keeps its worktree folders: git worktree add fails\n");

        assertClaimFailsSaying(repo, 1, "git worktree add failed");

        Files.delete(admin);
        assertRolledBackAndClaimableAgain(repo);
    }

    @Test
    void whatARollbackCannotUndoIsSaidOnStderrAndInTheJsonError() throws Exception {
        TestRepo repo = TestRepo.create(temp);
        Path admin = repo.root().resolve(".git/worktrees");
        Files.writeString(admin, "a file where git keeps its worktree folders: git worktree add fails\n");
        Path branchLock = repo.root().resolve(".git/refs/heads/lane/45/dimA.lock");
        Path hook = repo.root().resolve(".git/hooks/reference-transaction");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\n[ \"$1\" = committed ] && grep -q ' refs/heads/lane/45/dimA$' && touch '"
                + branchLock + "'\nexit 0\n"); // once the claim made its branch, the branch is locked
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));

        CliRun claim = repo.lane("--json", "claim", "--wave", "45", "--lane", "dimA", "--agent", "a1");

        assertEquals(1, claim.exitCode(), claim::toString);
        String also = "also: the branch lane/45/dimA this claim made is left behind";
        assertTrue(claim.err().contains("git worktree add failed") && claim.err().contains("lane: " + also),
                claim::toString);
        assertTrue(Json.mapper().readTree(claim.out()).get("message").asText().contains(also), claim::toString);
    }

    @Test
    void aBranchNameGitCannotUseIsAUsageErrorNamingItAndTheClaimIsRolledBack() throws Exception {
        TestRepo repo = TestRepo.create(temp);
        repo.writeConfig(repo.defaultConfig() + "branch: 'lane/{wave}/{lane}.lock'\n");

        assertClaimFailsSaying(repo, 2, "gives 'lane/45/dimA.lock', which is not a valid git branch name");

        repo.writeConfig(repo.defaultConfig());
        assertRolledBackAndClaimableAgain(repo);
    }

    @Test
    void aBranchTemplateThatGivesHeadIsRefusedAndTheClaimRolledBack() throws Exception {
        TestRepo repo = TestRepo.create(temp);
        repo.writeConfig(repo.defaultConfig() + "branch: '{lane}'\n");

        CliRun claim = repo.lane("claim", "--wave", "45", "--lane", "HEAD", "--agent", "a1");

        assertEquals(2, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains("gives 'HEAD'") && claim.err().contains("{wave} and {lane}"),
                claim::toString);
        assertFalse(Files.exists(repo.claimDir("45", "HEAD"), LinkOption.NOFOLLOW_LINKS), "the claim is rolled back");
        assertEquals(List.of("main"), repo.branches(), "no branch named HEAD is made");
    }

    /** A claim of 45/dimA fails with {@code exitCode} (never 3: the lane is free), naming what failed. */
    private static void assertClaimFailsSaying(TestRepo repo, int exitCode, String reason) {
        CliRun claim = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1");
        assertEquals(exitCode, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains(reason), claim::toString);
    }

    /** Nothing of the failed claim is left, its worktree folder included, and the lane can be claimed. */
    private static void assertRolledBackAndClaimableAgain(TestRepo repo) throws Exception {
        assertRolledBack(repo);
        assertFalse(Files.exists(repo.worktree("45", "dimA"), LinkOption.NOFOLLOW_LINKS),
                "the worktree folder the claim made is removed");
        CliRun afterwards = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1");
        assertEquals(0, afterwards.exitCode(), afterwards::toString);
    }

    private static void assertRolledBack(TestRepo repo) throws Exception {
        assertFalse(Files.exists(repo.claimDir("45", "dimA"), LinkOption.NOFOLLOW_LINKS), "the claim folder is gone");
        assertEquals(List.of("main"), repo.branches(), "no lane branch is left");
        assertEquals(List.of(repo.root().toRealPath()), ConcurrentClaimTest.realPaths(repo.worktrees()),
                "no worktree is registered");
        assertNoClaimedEntry(repo);
    }

    private static void assertNoClaimedEntry(TestRepo repo) {
        assertTrue(LedgerReader.read(repo.ledger("45")).stream()
                .noneMatch(r -> r.entry().event() == LedgerEvent.CLAIMED), "no claimed ledger entry");
    }

    private static void deleteTree(Path root) throws Exception {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
