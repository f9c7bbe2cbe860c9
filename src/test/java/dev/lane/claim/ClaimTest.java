package dev.lane.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import dev.lane.support.JvmProcess;
import dev.lane.support.RepoState;
import dev.lane.support.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimTest {
    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepo.create(tmp);
    }

    @Test
    void theWinnerGetsAPrivateWorktreeOnAFreshBranchFromMainsHead() throws Exception {
        String mainHead = repo.git("rev-parse", "main").strip();

        CliRun r = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "agent-7");

        assertEquals(0, r.exitCode(), r.toString());
        Path wt = repo.worktree("45", "dimA");
        assertEquals(wt + "\n", r.out(), "plain output is just the worktree path, for $(lane claim ...)");
        assertEquals("lane/45/dimA", Git.ok(wt, "rev-parse", "--abbrev-ref", "HEAD").strip());
        assertEquals(mainHead, Git.ok(wt, "rev-parse", "HEAD").strip());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(wt)));
        String record = Files.readString(repo.inbox().resolve("45/dimA/claim.json"));
        for (String field : new String[] {"agent-7", mainHead, wt.toString(), "\"host\"", "\"pid\"", "CLAIMED"}) {
            assertTrue(record.contains(field), field + " missing from " + record);
        }
        assertFalse(Git.ok(repo.root(), "config", "--local", "--list").contains("branch.lane/"),
                "no tracking config is written (parallel claims would race on .git/config.lock)");
    }

    @Test
    void aRepositoryWhoseGitignoreDoesNotNameTheInboxStillNeverSeesLaneStateAsSomethingToCommit() throws Exception {
        Files.delete(repo.root().resolve(".gitignore"));
        Git.ok(repo.root(), "-c", "user.name=t", "-c", "user.email=t@lane.invalid", "commit", "-qam", "no ignores");

        repo.lane("claim", "--wave", "45", "--lane", "dimA").expect(0);

        assertEquals("", Git.ok(repo.root(), "status", "--porcelain", "--untracked-files=all"),
                "claims, ledger and locks are not untracked files of the main checkout");
        Git.ok(repo.root(), "add", "-A");
        assertEquals("", Git.ok(repo.root(), "diff", "--cached", "--name-only"), "git add -A stages none of them");
    }

    @Test
    void anInboxInWhichTheTeamTracksFilesGetsNoIgnoreAllSoTheirNewFilesThereStillShow() throws Exception {
        Files.writeString(repo.root().resolve(".gitignore"), "");
        Path inbox = repo.root().resolve("tools/offline/_inbox");
        Files.createDirectories(inbox.resolve("44"));
        Files.writeString(inbox.resolve("44/AGENT_LEDGER.md"), "# wave 44, kept in git\n");
        Git.ok(repo.root(), "add", "-A");
        Git.ok(repo.root(), "-c", "user.name=t", "-c", "user.email=t@lane.invalid", "commit", "-qm", "ledger 44");

        repo.lane("claim", "--wave", "45", "--lane", "dimA").expect(0);

        assertFalse(Files.exists(inbox.resolve(".gitignore")), "no '*' over a folder the team keeps files of in git");
        assertTrue(Git.ok(repo.root(), "status", "--porcelain", "--untracked-files=all")
                .contains("tools/offline/_inbox/45/AGENT_LEDGER.md"), "the new wave's ledger shows, as the 44th did");
    }

    @Test
    void anInboxAboveOrAtTheRepositoryIsAUsageErrorThatTouchesNothing() throws Exception {
        for (String inbox : new String[] {"..", repo.root().toString(), "../..", ".git/lane"}) {
            repo.writeConfig(repo.defaultConfig() + "inbox: '" + inbox + "'\n");
            CliRun claim = repo.lane("claim", "--wave", "45", "--lane", "dimA");
            assertEquals(2, claim.exitCode(), inbox + ": " + claim);
            assertTrue(claim.err().contains("key 'inbox' is '" + inbox + "'"), claim.err());
            CliRun status = repo.lane("status");
            assertEquals(2, status.exitCode(), inbox + ": " + status);
        }
        assertFalse(Files.exists(tmp.resolve("45")), "no wave folder next to the repository");
        assertFalse(Files.exists(repo.root().resolve("45")), "nor in it");
    }

    @Test
    void jsonOutputCarriesWaveLaneAgentWorktreeBranchAndBase() throws Exception {
        CliRun r = CliRun.run(repo.root(), java.util.Map.of("LANE_AGENT", "tester"), "claim", "--wave", "45",
                "--lane", "dimB", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("45", doc.get("wave").asText());
        assertEquals("dimB", doc.get("lane").asText());
        assertEquals("tester", doc.get("agent").asText(), "the agent defaults to $LANE_AGENT");
        assertEquals(repo.worktree("45", "dimB").toString(), doc.get("worktree").asText());
        assertEquals("lane/45/dimB", doc.get("branch").asText());
        assertEquals(repo.git("rev-parse", "main").strip(), doc.get("base").asText());
    }

    @Test
    void aSecondClaimOfTheSameLaneIsContentionNamingTheHolder() {
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "first").exitCode());
        CliRun second = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "second");
        assertEquals(3, second.exitCode(), second.toString());
        assertTrue(second.err().contains("already claimed: held by agent first since 20"), second.err());
        assertEquals("", second.out());
    }

    @Test
    void aClaimReRunByTheHoldingAgentIsContentionSayingThisAgentHoldsItSinceWhenAndWhere() {
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "first").exitCode());
        RepoState before = RepoState.of(repo);
        CliRun again = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "first");
        assertEquals(3, again.exitCode(), again.toString());
        assertTrue(again.err().contains("lane dimA of wave 45 is already claimed by this agent (first) since 20"),
                again::toString);
        assertTrue(again.err().contains(", worktree " + repo.worktree("45", "dimA") + ". If that claim is yours, "
                + "work in that worktree"), again::toString);
        assertFalse(again.err().contains("Pick another lane"), again::toString);
        assertEquals("", again.out());
        assertEquals(before, RepoState.of(repo), "the claim is untouched");
    }

    @Test
    void commandsRunInsideALaneWorktreeUseTheMainRepositorysState() {
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimA").exitCode());
        Path sub = repo.worktree("45", "dimA").resolve("src");
        CliRun ledger = repo.laneIn(sub, "ledger", "--wave", "45");
        assertEquals(0, ledger.exitCode(), ledger.toString());
        assertTrue(ledger.out().contains("claimed"), ledger.out());
        CliRun other = repo.laneIn(sub, "claim", "--wave", "45", "--lane", "dimC");
        assertEquals(0, other.exitCode(), other.toString());
        assertTrue(Files.isDirectory(repo.inbox().resolve("45/dimC")), "claimed in the main repository's inbox");
        assertTrue(!Files.exists(repo.worktree("45", "dimA").resolve("tools/offline/_inbox")));
    }

    @Test
    void aLaneNamedLikeTheLedgerIsAUsageErrorThatLeavesTheLedgerAlone() throws Exception {
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimA").exitCode());
        String ledger = Files.readString(repo.ledger("45"));
        RepoState before = RepoState.of(repo);

        CliRun r = repo.lane("claim", "--wave", "45", "--lane", "AGENT_LEDGER.md");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("'AGENT_LEDGER.md'") && !r.err().contains("Remove it"),
                "the name is refused; no advice to remove the ledger: " + r);
        assertEquals(ledger, Files.readString(repo.ledger("45")));
        assertEquals(before, RepoState.of(repo));
    }

    @Test
    void aLaneNameGitCannotEndABranchWithIsRefusedNamingTheLaneNotTheDefaultTemplate() throws Exception {
        CliRun r = repo.lane("claim", "--wave", "45", "--lane", "dimA.");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lane name 'dimA.'") && !r.err().contains("template in lanes.yml"), r.toString());
        assertFalse(Files.exists(repo.claimDir("45", "dimA.")), "the claim is rolled back");
        assertEquals(java.util.List.of("main"), repo.branches());
    }

    @Test
    void aBranchTemplateThatGivesTwoLanesOneBranchIsNamedAndTheOtherLanesBranchIsNotOfferedForDeletion() {
        repo.writeConfig(repo.defaultConfig() + "branch: 'lane/{lane}'\n");
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1").exitCode());
        String held = repo.git("rev-parse", "refs/heads/lane/dimA").strip();

        CliRun r = repo.lane("claim", "--wave", "46", "--lane", "dimA", "--agent", "a2");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lane dimA of wave 45") && r.err().contains("{wave}")
                && !r.err().contains("git branch -D"), r.toString());
        assertEquals(held, repo.git("rev-parse", "refs/heads/lane/dimA").strip(), "the holder's branch is untouched");
        assertFalse(Files.exists(repo.claimDir("46", "dimA")), "the claim is rolled back");
    }

    @Test
    void aWorktreeTemplateThatGivesTwoLanesOnePathIsNamedAndTheOtherLanesWorktreeIsNotOfferedForRemoval() {
        repo.writeConfig("worktree: '" + tmp + "/wt-{lane}'\n");
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1").exitCode());

        CliRun r = repo.lane("claim", "--wave", "46", "--lane", "dimA", "--agent", "a2");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lane dimA of wave 45") && r.err().contains("{wave}")
                && !r.err().contains("remove it"), r.toString());
        assertTrue(Files.isDirectory(tmp.resolve("wt-dimA/.git").getParent()), "the holder's worktree stays");
        assertFalse(Files.exists(repo.claimDir("46", "dimA")), "the claim is rolled back");
        assertEquals(java.util.List.of("lane/45/dimA", "main"), repo.branches());
    }

    @Test
    void namesWithDashesThatMeetAtTheWorktreeTemplatesJoinsAreNamedAsSuchNotAsAMissingPlaceholder() {
        assertEquals(0, repo.lane("claim", "--wave", "1-a", "--lane", "b", "--agent", "a1").exitCode());

        CliRun r = repo.lane("claim", "--wave", "1", "--lane", "a-b", "--agent", "a2"); // wt-1-a-b, as wave 1-a's b

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lane b of wave 1-a") && r.err().contains("meet at the template's joins")
                && !r.err().contains("include {wave} and {lane}") && !r.err().contains("remove it"), r.toString());
        assertFalse(Files.exists(repo.claimDir("1", "a-b")), "the claim is rolled back");
        assertTrue(Files.isDirectory(repo.worktree("1-a", "b")), "the holder's worktree stays");
    }

    @Test
    void aBranchNamedLikeAFolderOfTheLaneBranchIsARefusalNamingItNotAnInternalError() throws Exception {
        repo.git("branch", "lane/45"); // a person's branch: git cannot then make lane/45/dimA beside it

        CliRun r = repo.lane("claim", "--wave", "45", "--lane", "dimA");

        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("branch lane/45 exists") && r.err().contains("lane/45/dimA")
                && !r.err().contains("please report it"), r.err());
        assertFalse(Files.exists(repo.claimDir("45", "dimA")), "the claim is rolled back");
        assertEquals(java.util.List.of("lane/45", "main"), repo.branches());
    }

    @Test
    void aWorktreeTemplateThatPutsWorktreesInTheInboxOrInGitsFolderIsAUsageErrorThatMakesNothing() throws Exception {
        for (String template : new String[] {"tools/offline/_inbox/wt-{wave}-{lane}", ".git/wt/{wave}-{lane}"}) {
            repo.writeConfig("worktree: '" + template + "'\n");

            CliRun r = repo.lane("claim", "--wave", "45", "--lane", "dimA");

            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.err().contains("worktree:") && r.err().contains(template.substring(0, 5)), r.err());
            assertFalse(Files.exists(repo.inbox().resolve("45")), "no wave folder, no claim: " + template);
            assertEquals(java.util.List.of("main"), repo.branches());
            assertFalse(Files.exists(repo.root().resolve(".git/wt")), "no worktree in git's folder");
            CliRun status = repo.lane("status").expect(0);
            assertTrue(status.out().startsWith("no waves yet"), "no worktree shows as a wave: " + status.out());
        }
    }

    @Test
    void aMissingMainBranchIsAUsageErrorAndLeavesNoClaim() throws Exception {
        repo.writeConfig(repo.defaultConfig() + "main: trunk\n");
        CliRun r = repo.lane("claim", "--wave", "45", "--lane", "dimA");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("the main branch 'trunk' does not exist"), r.err());
        assertTrue(!Files.exists(repo.inbox().resolve("45/dimA")), "the claim was rolled back");
        assertFalse(Files.exists(repo.ledger("45")), "nothing was logged");

        CliRun status = repo.lane("status").expect(0);
        assertTrue(status.out().startsWith("no waves yet"), "no empty wave is left to show: " + status.out());
        CliRun wave = repo.lane("status", "--wave", "45");
        assertEquals(2, wave.exitCode(), wave.toString());
        assertTrue(wave.err().contains("there is no wave 45"), wave.err());
        CliRun submit = repo.lane("submit", "--wave", "45", "--lane", "dimA");
        assertEquals(2, submit.exitCode(), submit.toString());
        assertTrue(submit.err().contains("no lane of wave 45 was ever claimed"), "as status says: " + submit.err());
    }

    @Test
    void aMainGivenAsARefIsRefusedSayingToGiveTheBranchsName() {
        repo.writeConfig(repo.defaultConfig() + "main: refs/heads/main\n");
        CliRun r = repo.lane("claim", "--wave", "45", "--lane", "dimA");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("takes a branch's name, not a ref (main: main)"), r.err());
        assertFalse(Files.exists(repo.inbox().resolve("45/dimA")), "nothing was claimed");
    }

    @Test
    void aClaimInARepositoryWithNoCommitYetSaysToMakeTheFirstCommit(@TempDir Path empty) throws Exception {
        Path root = empty.resolve("fresh");
        Files.createDirectories(root);
        Git.ok(root, "init", "-q", "-b", "main");
        TestRepo.write(root, "lanes.yml", "worktree: '" + empty + "/wt-{wave}-{lane}'\n");
        CliRun r = CliRun.run(root, "claim", "--wave", "45", "--lane", "dimA");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("the main branch 'main' does not exist")
                && r.err().contains("no commit yet: make a first commit on main"), r.err());
        assertFalse(Files.exists(root.resolve(TestRepo.INBOX + "/45/dimA")), "nothing was claimed");
    }

    @Test
    void aDamagedClaimRecordIsARefusalPointingAtReleaseNotARetryableContention() throws Exception {
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimA").exitCode());
        Files.writeString(repo.claimDir("45", "dimA").resolve("claim.json"), "{broken");
        CliRun again = repo.lane("claim", "--wave", "45", "--lane", "dimA");
        assertEquals(5, again.exitCode(), again.toString());
        assertTrue(again.err().contains("claim record is damaged") && again.err().contains("--force"), again.err());
    }

    @Test
    void aTreeBigEnoughForParallelCheckoutArrivesWhole() throws Exception {
        // lane asks git for parallel checkout (GitCli.parallelCheckout()), which git uses above 100 files.
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 600; i++) {
            files.put("pkg" + (i % 12) + "/f" + i + ".txt", "file " + i + "\n".repeat(1 + i % 5));
        }
        files.put("run.sh", "#!/bin/sh\necho run\n");
        files.put("lanes.yml", "worktree: '" + tmp + "/wt-{wave}-{lane}'\n");
        TestRepo big = TestRepo.create(tmp, "big", files);
        Git.ok(big.root(), "update-index", "--chmod=+x", "run.sh");
        Git.ok(big.root(), "commit", "-q", "-m", "executable");

        Path trace = tmp.resolve("git-trace.txt");
        JvmProcess claim = JvmProcess.lane("claim", "--wave", "45", "--lane", "wide").in(big.root())
                .env("GIT_TRACE", trace.toString()).logs(tmp).start();

        assertEquals(0, claim.await(Duration.ofMinutes(2)).exitCode());
        String traced = Files.readString(trace);
        assertTrue(traced.contains("checkout--worker"), "git checked out with parallel workers:\n" + traced);
        Path wt = big.worktree("45", "wide");
        assertEquals("", Git.ok(wt, "status", "--porcelain", "--untracked-files=all"),
                "every file is there with its content and mode, and nothing else");
        assertEquals(Git.ok(big.root(), "ls-files", "-s"), Git.ok(wt, "ls-files", "-s"));
        assertEquals("file 599\n\n\n\n\n", Files.readString(wt.resolve("pkg11/f599.txt")));
        assertTrue(Files.isExecutable(wt.resolve("run.sh")));
    }
}
