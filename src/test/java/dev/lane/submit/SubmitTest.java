package dev.lane.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import dev.lane.support.RepoState;
import dev.lane.support.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmitTest {
    @TempDir
    Path tmp;
    TestRepo repo;
    Path wt;

    @BeforeEach
    void claimALane() throws Exception {
        repo = TestRepo.create(tmp);
        CliRun claim = repo.lane("claim", "--wave", "45", "--lane", "dimA");
        assertEquals(0, claim.exitCode(), claim.toString());
        wt = repo.worktree("45", "dimA");
    }

    private JsonNode submitJson(String... extra) throws Exception {
        String[] args = new String[extra.length + 2];
        args[0] = "submit";
        args[1] = "--json";
        System.arraycopy(extra, 0, args, 2, extra.length);
        CliRun r = repo.laneIn(wt, args);
        assertEquals(0, r.exitCode(), r.toString());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void sharedFileEditsBecomeIntentsAndLeaveTheLaneBranch() throws Exception {
        TestRepo.write(wt, TestRepo.MANIFEST, "049_provenance_strengthen.sql\n075_am_amendment_diff.sql\n252_law_jorei_pref.sql\n");
        TestRepo.write(wt, "scripts/migrations/252_law_jorei_pref.sql", "create table law(x int);\n");
        TestRepo.write(wt, "scripts/migrations/255_enforcement_municipality.sql", "create table e(x int);\n");
        TestRepo.write(wt, "pyproject.toml", TestRepo.PYPROJECT.replace("0.3.5", "0.4.0"));
        TestRepo.write(wt, TestRepo.DEPLOY, TestRepo.WORKFLOW.replace("echo deploy", "./deploy.sh --prod"));
        TestRepo.write(wt, "src/law.py", "LAW = 1\n");

        JsonNode doc = submitJson("-m", "laws");

        JsonNode intents = doc.get("intents");
        assertEquals(List.of("252_law_jorei_pref.sql", "255_enforcement_municipality.sql"),
                new ObjectMapper().convertValue(intents.get("manifest"), List.class));
        assertEquals("minor", intents.get("bump").asText());
        assertEquals(TestRepo.DEPLOY, intents.get("workflows").get(0).get("path").asText());
        assertEquals(TestRepo.WORKFLOW, intents.get("workflows").get(0).get("base").asText());
        String base = doc.get("base").asText();
        String head = doc.get("head").asText();
        String surfaceDiff = Git.ok(wt, "diff", "--name-only", base, head, "--", TestRepo.MANIFEST,
                "pyproject.toml", "server.json", ".github/workflows");
        assertEquals("", surfaceDiff, "the lane branch must touch no shared file");
        String laneDiff = Git.ok(wt, "diff", "--name-only", base, head);
        assertTrue(laneDiff.contains("src/law.py") && laneDiff.contains("scripts/migrations/252_law_jorei_pref.sql"),
                laneDiff);
        assertEquals("", Git.ok(wt, "status", "--porcelain"), "the worktree is clean after submit");
        assertTrue(Files.readString(repo.inbox().resolve("45/dimA/submission.json")).contains(head));
    }

    @Test
    void aSubmissionWithNothingToLandIsRecordedButSaysSo() throws Exception {
        CliRun empty = repo.laneIn(wt, "submit");
        assertEquals(0, empty.exitCode(), empty.toString());
        assertTrue(empty.out().contains("note: this submission holds nothing to land: the lane has no commit beyond "
                + "its base"), empty.out());

        TestRepo.write(wt, "src/work.py", "x = 1\n");
        JsonNode doc = submitJson("-m", "work");
        assertEquals(0, doc.get("notices").size(), doc.toString());
    }

    @Test
    void aVersionThatIsNotTheNextLevelBecomesAnExplicitVersion() throws Exception {
        TestRepo.write(wt, "server.json", TestRepo.SERVER_JSON.replace("0.3.5", "1.2.0"));
        assertEquals("1.2.0", submitJson("-m", "v").get("intents").get("bump").asText());
    }

    @Test
    void aDirtyWorktreeWithoutMessageIsRefusedWithTheFilesAndNothingChanges() throws Exception {
        TestRepo.write(wt, "src/new.py", "x = 1\n");
        TestRepo.write(wt, "src/app.py", "print('changed')\n");
        RepoState before = RepoState.of(repo);
        String headBefore = Git.ok(wt, "rev-parse", "HEAD");

        CliRun r = repo.laneIn(wt, "submit");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("M src/app.py") && r.err().contains("?? src/new.py"), r.err());
        assertTrue(r.err().contains("-m MESSAGE"), r.err());
        assertEquals(before, RepoState.of(repo));
        assertEquals(headBefore, Git.ok(wt, "rev-parse", "HEAD"));
    }

    @Test
    void anEmptyMessageIsAUsageErrorThatStagesNothing() throws Exception {
        TestRepo.write(wt, "src/new.py", "x = 1\n"); // a script's -m "$MSG" with MSG unset
        String statusBefore = Git.ok(wt, "status", "--porcelain");
        RepoState before = RepoState.of(repo);

        for (String empty : new String[] {"", "  "}) {
            CliRun r = repo.laneIn(wt, "submit", "-m", empty);

            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.err().contains("-m") && r.err().contains("empty") && !r.err().contains("please report"),
                    r.err());
            assertEquals(statusBefore, Git.ok(wt, "status", "--porcelain"), "nothing staged");
            assertEquals(before, RepoState.of(repo));
        }
    }

    @Test
    void aManifestEntryWithoutItsMigrationFileIsRefusedBeforeAnythingIsCommitted() throws Exception {
        TestRepo.write(wt, "src/x.py", "x = 1\n");
        String headBefore = Git.ok(wt, "rev-parse", "HEAD");
        RepoState before = RepoState.of(repo);

        CliRun r = repo.laneIn(wt, "submit", "-m", "x", "--manifest", "260_vec_e5.sql");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("260_vec_e5.sql names no migration file"), r.err());
        assertEquals(headBefore, Git.ok(wt, "rev-parse", "HEAD"), "-m must not have committed");
        assertEquals("?? src/x.py\n", Git.ok(wt, "status", "--porcelain"));
        assertEquals(before, RepoState.of(repo));
    }

    @Test
    void deletingAMigrationTheManifestListsIsRefusedNamingTheFileBeforeAnythingIsCommitted() throws Exception {
        Git.ok(wt, "rm", "-q", "scripts/migrations/049_provenance_strengthen.sql");
        String headBefore = Git.ok(wt, "rev-parse", "HEAD");
        RepoState before = RepoState.of(repo);

        CliRun r = repo.laneIn(wt, "submit", "-m", "drop 049");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("deletes or renames scripts/migrations/049_provenance_strengthen.sql, which the "
                + "manifest " + TestRepo.MANIFEST + " lists"), r.err());
        assertTrue(r.err().contains("git checkout "), "says how to restore it: " + r.err());
        assertEquals(headBefore, Git.ok(wt, "rev-parse", "HEAD"), "-m must not have committed");
        assertEquals(before, RepoState.of(repo));
    }

    @Test
    void renamingAMigrationTheManifestListsAwayIsRefusedEvenWhenCommitted() throws Exception {
        Git.ok(wt, "mv", "scripts/migrations/075_am_amendment_diff.sql",
                "scripts/migrations/076_am_amendment_diff.sql");
        Git.ok(wt, "commit", "-qm", "renumber 075");

        CliRun r = repo.laneIn(wt, "submit");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("deletes or renames scripts/migrations/075_am_amendment_diff.sql"), r.err());
        assertTrue(Files.notExists(repo.claimDir("45", "dimA").resolve("submission.json")), "nothing submitted");
    }

    @Test
    void aNewMigrationWhoseNumberTheManifestTakesIsRefusedInTheIntegratorsWords() throws Exception {
        TestRepo.write(wt, "scripts/migrations/075_dup.sql", "x\n");
        TestRepo.write(wt, "scripts/migrations/300_a.sql", "x\n");
        TestRepo.write(wt, "scripts/migrations/300_b.sql", "x\n");
        RepoState before = RepoState.of(repo);

        CliRun r = repo.laneIn(wt, "submit", "-m", "dup");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("migration number 75 is taken twice: 075_dup.sql (this lane) and "
                + "075_am_amendment_diff.sql (already in the manifest)"), r.err());
        assertTrue(r.err().contains("migration number 300 is taken twice: 300_b.sql (this lane) and 300_a.sql "
                + "(this lane too)"), r.err());
        assertEquals(before, RepoState.of(repo));
    }

    @Test
    void anExplicitManifestEntryTheManifestListsAlreadyIsLeftOutWithANoteSoARepeatedSubmitLineStillWorks()
            throws Exception {
        JsonNode doc = submitJson("--manifest", "049_provenance_strengthen.sql");

        assertEquals(0, doc.get("intents").get("manifest").size(), doc.toString());
        assertEquals("left out --manifest 049_provenance_strengthen.sql: the manifest lists it already",
                doc.get("notices").get(0).asText(), doc.toString());
    }

    @Test
    void aBumpLowerThanTheBaseVersionIsRefused() {
        CliRun r = repo.laneIn(wt, "submit", "--bump", "0.3.4");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lower than the current version 0.3.5"), r.err());
    }

    @Test
    void aGarbageBumpIsAUsageErrorNamingIt() {
        CliRun r = repo.laneIn(wt, "submit", "--bump", "huge");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("invalid bump 'huge'"), r.err());
    }

    @Test
    void removingAManifestLineIsRefusedBecauseEntriesCanOnlyBeAdded() throws Exception {
        TestRepo.write(wt, TestRepo.MANIFEST, "075_am_amendment_diff.sql\n");
        CliRun r = repo.laneIn(wt, "submit", "-m", "drop");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("removes manifest entries 049_provenance_strengthen.sql"), r.err());
    }

    @Test
    void editingAVersionFileBeyondItsVersionIsRefused() throws Exception {
        TestRepo.write(wt, "pyproject.toml", TestRepo.PYPROJECT.replace("name = \"jpcite\"", "name = \"jpcite-api\""));
        CliRun r = repo.laneIn(wt, "submit", "-m", "deps");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("pyproject.toml beyond its version value"), r.err());
    }

    @Test
    void aWorkflowEditThatDropsManualDispatchIsRefusedAtSubmit() throws Exception {
        TestRepo.write(wt, TestRepo.DEPLOY, TestRepo.WORKFLOW.replace("  workflow_dispatch:\n", ""));
        CliRun r = repo.laneIn(wt, "submit", "-m", "ci");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("this lane's edit removes the workflow_dispatch trigger of " + TestRepo.DEPLOY),
                r.err());
    }

    @Test
    void aResubmissionKeepsEarlierIntentsAndIsLoggedAsSuch() throws Exception {
        TestRepo.write(wt, "scripts/migrations/252_a.sql", "x\n");
        submitJson("-m", "first", "--bump", "patch");
        TestRepo.write(wt, "scripts/migrations/253_b.sql", "y\n");

        JsonNode second = submitJson("-m", "second", "--bump", "minor");

        assertEquals(2, second.get("sequence").asInt());
        assertTrue(second.get("resubmission").asBoolean());
        assertEquals("[\"252_a.sql\",\"253_b.sql\"]", second.get("intents").get("manifest").toString());
        assertEquals("minor", second.get("intents").get("bump").asText(), "a later bump replaces an earlier one");
        CliRun ledger = repo.lane("ledger", "--lane", "dimA");
        assertTrue(ledger.out().contains("submitted") && ledger.out().contains("resubmitted"), ledger.out());
    }

    @Test
    void submitKnowsItsLaneFromTheWorktreeAndAlsoWorksFromElsewhereWithWaveAndLane() throws Exception {
        CliRun outside = repo.lane("submit");
        assertEquals(2, outside.exitCode());
        assertTrue(outside.err().contains("not inside a lane's worktree"), outside.err());
        CliRun named = repo.lane("submit", "--wave", "45", "--lane", "dimA");
        assertEquals(0, named.exitCode(), named.toString());
        CliRun fromSubfolder = repo.laneIn(wt.resolve("src"), "submit");
        assertEquals(0, fromSubfolder.exitCode(), fromSubfolder.toString());
    }

    @Test
    void aFileInTheMigrationsFolderThatIsNotAMigrationNeverBecomesAnEntry() throws Exception {
        TestRepo.write(wt, "scripts/migrations/README.md", "how to write migrations\n");
        assertEquals(0, submitJson("-m", "docs").get("intents").get("manifest").size());
    }

    @Test
    void aManifestEditBeyondAddingEntriesIsRefusedRatherThanSilentlyLost() throws Exception {
        TestRepo.write(wt, "scripts/migrations/252_a.sql", "x\n");
        TestRepo.write(wt, TestRepo.MANIFEST, "# boot allowlist\n049_provenance_strengthen.sql\n075_am_amendment_diff.sql\n252_a.sql\n");
        CliRun r = repo.laneIn(wt, "submit", "-m", "comment");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("beyond adding entries"), r.err());
    }

    @Test
    void aRepositoryWithoutAMigrationsFolderCanSubmitCodeChanges(@TempDir Path other) throws Exception {
        Path plain = other.resolve("plain");
        Files.createDirectories(plain);
        Git.ok(plain, "init", "-q", "-b", "main");
        TestRepo.write(plain, "a.txt", "a\n");
        TestRepo.write(plain, "lanes.yml", "worktree: " + other.resolve("wt") + "/{lane}\n");
        Git.ok(plain, "add", "-A");
        Git.ok(plain, "commit", "-qm", "a");
        assertEquals(0, repo.laneIn(plain, "claim", "--wave", "1", "--lane", "a").exitCode());
        TestRepo.write(other.resolve("wt/a"), "b.txt", "b\n");
        CliRun r = repo.laneIn(other.resolve("wt/a"), "submit", "-m", "b");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("intents: no intents"), r.out());
    }

    @Test
    void renumberingAMigrationAfterAClashReplacesItsManifestEntry() throws Exception {
        TestRepo.write(wt, "scripts/migrations/262_b.sql", "x\n");
        submitJson("-m", "262");
        Git.ok(wt, "mv", "scripts/migrations/262_b.sql", "scripts/migrations/263_b.sql");

        JsonNode again = submitJson("-m", "renumbered");

        assertEquals("[\"263_b.sql\"]", again.get("intents").get("manifest").toString());
        assertTrue(again.get("notices").toString().contains("dropped the earlier manifest entry 262_b.sql"),
                again.toString());
    }

    @Test
    void aSecondEditOfTheSameWorkflowIsMergedWithTheFirst() throws Exception {
        TestRepo.write(wt, TestRepo.DEPLOY, TestRepo.WORKFLOW.replace("name: deploy", "name: deploy-api"));
        submitJson("-m", "rename");
        TestRepo.write(wt, TestRepo.DEPLOY, TestRepo.WORKFLOW.replace("echo deploy", "./deploy.sh"));

        JsonNode again = submitJson("-m", "script");

        JsonNode edits = again.get("intents").get("workflows");
        assertEquals(1, edits.size());
        assertEquals(TestRepo.WORKFLOW.replace("name: deploy", "name: deploy-api").replace("echo deploy", "./deploy.sh"),
                edits.get(0).get("lane").asText());
    }

    @Test
    void anEarlierWorkflowEditIsKeptWhenTheLaneEditsTheFileAgainAfterSyncBroughtInMainsChangesToIt()
            throws Exception {
        TestRepo.write(wt, TestRepo.DEPLOY, TestRepo.WORKFLOW.replace("runs-on: ubuntu-latest",
                "runs-on: ubuntu-latest\n    timeout-minutes: 10"));
        submitJson("-m", "timeout"); // the edit now lives only in intents.json; the branch has main's file
        repo.write(TestRepo.DEPLOY, TestRepo.WORKFLOW.replace("name: deploy", "name: deploy-prod"));
        repo.git("-c", "user.name=t", "-c", "user.email=t@lane.invalid", "commit", "-qam", "main renames it");
        repo.laneIn(wt, "sync").expect(0);
        TestRepo.write(wt, TestRepo.DEPLOY, TestRepo.read(wt, TestRepo.DEPLOY).replace("echo deploy", "./deploy.sh"));

        JsonNode again = submitJson("-m", "script");

        JsonNode edits = again.get("intents").get("workflows");
        assertEquals(1, edits.size(), edits.toString());
        assertEquals(TestRepo.WORKFLOW.replace("name: deploy", "name: deploy-prod").replace("runs-on: ubuntu-latest",
                "runs-on: ubuntu-latest\n    timeout-minutes: 10").replace("echo deploy", "./deploy.sh"),
                edits.get(0).get("lane").asText(), "both of the lane's edits, on main's current file");
    }

    @Test
    void aSecondEditOverlappingTheFirstIsRefusedWithTheHunkAndAWayOut() throws Exception {
        TestRepo.write(wt, TestRepo.DEPLOY, TestRepo.WORKFLOW.replace("echo deploy", "./deploy.sh --a"));
        submitJson("-m", "a");
        TestRepo.write(wt, TestRepo.DEPLOY, TestRepo.WORKFLOW.replace("echo deploy", "./deploy.sh --b"));

        CliRun refused = repo.laneIn(wt, "submit", "-m", "b");

        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("overlaps the edit of it you submitted earlier")
                && refused.err().contains("<<<<<<<") && refused.err().contains("--reset-intents"), refused.err());
        JsonNode reset = submitJson("-m", "b", "--reset-intents");
        assertEquals(TestRepo.WORKFLOW.replace("echo deploy", "./deploy.sh --b"),
                reset.get("intents").get("workflows").get(0).get("lane").asText());
    }

    @Test
    void theOverlapRefusalSaysThatAFileHoldingBothEditsStillNeedsResetIntentsAndThatTheEarlierBumpGoesWithIt()
            throws Exception {
        String earlier = TestRepo.WORKFLOW.replace("ubuntu-latest", "ubuntu-24.04");
        TestRepo.write(wt, TestRepo.DEPLOY, earlier);
        submitJson("-m", "runner", "--bump", "minor"); // the worktree's file is back at the base now
        String both = earlier.replace("    steps:", "    timeout-minutes: 5\n    steps:");
        TestRepo.write(wt, TestRepo.DEPLOY, both); // the agent redoes the earlier edit and adds one next to it

        CliRun refused = repo.laneIn(wt, "submit", "-m", "timeout");

        // a file holding both edits overlaps the earlier edit all the same (a three-way merge cannot tell it from a
        // rival edit), so the way out must not be offered as enough on its own
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("Make the file hold both edits, then pass --reset-intents"), refused.err());
        assertTrue(refused.err().contains("--bump"), "reset drops the earlier bump request: " + refused.err());
        JsonNode done = submitJson("-m", "timeout", "--reset-intents", "--bump", "minor");
        assertEquals(both, done.get("intents").get("workflows").get(0).get("lane").asText());
        assertEquals("minor", done.get("intents").get("bump").asText());
    }

    @Test
    void aMigrationFileWhoseNameCannotBeAManifestEntryIsRefusedSayingWhatNamesWorkAndToRenameIt() {
        TestRepo.write(wt, "scripts/migrations/300 court index.sql", "select 1;\n");

        CliRun r = repo.laneIn(wt, "submit", "-m", "court index");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("'300 court index.sql'") && r.err().contains("letters, digits")
                && r.err().contains("git mv"), r.err());
        assertTrue(Git.ok(wt, "status", "--porcelain").contains("300 court index.sql"), "nothing was committed");
    }

    @Test
    void aLaneThatWouldCommitFilesUnderTheInboxIsRefusedSoLaneStateNeverTravelsThroughABranch() {
        // A repository that does not ignore the inbox (lane ignores it in the main checkout only, with the inbox's own
        // .gitignore): landed on main, these files would be written over the main checkout's lane state there.
        Path other = tmp.resolve("plain");
        repo = TestRepo.create(other, "jpcite", java.util.Map.of("src/app.py", "print('hello')\n",
                "lanes.yml", "worktree: '" + other + "/wt-{wave}-{lane}'\n"));
        assertEquals(0, repo.lane("claim", "--wave", "45", "--lane", "dimA").exitCode());
        wt = repo.worktree("45", "dimA");
        TestRepo.write(wt, TestRepo.INBOX + "/45/AGENT_LEDGER.md", "| forged |\n");
        TestRepo.write(wt, TestRepo.INBOX + "/45/dimA/report.md", "done\n");
        String head = Git.ok(wt, "rev-parse", "HEAD").strip();

        CliRun r = repo.laneIn(wt, "submit", "-m", "outputs");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(TestRepo.INBOX + "/45/AGENT_LEDGER.md")
                && r.err().contains(TestRepo.INBOX + "/45/dimA/report.md") && r.err().contains("inbox"), r.err());
        assertEquals(head, Git.ok(wt, "rev-parse", "HEAD").strip(), "nothing was committed");
        assertTrue(Files.notExists(repo.claimDir("45", "dimA").resolve("submission.json")), "nothing was submitted");
    }

    @Test
    void aLaneThatWouldPutAFileWhereAFolderAboveTheInboxIsIsRefusedBeforeItCanDeleteTheInboxOnMain() {
        // A file named tools (the inbox is tools/offline/_inbox): landed on main, the checkout update would replace the
        // folder tools, and the wave's ledger, claims and submissions with it.
        TestRepo.write(wt, "tools", "a script where the tools folder is\n");
        String head = Git.ok(wt, "rev-parse", "HEAD").strip();

        CliRun r = repo.laneIn(wt, "submit", "-m", "a tools script");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("at or under the inbox " + TestRepo.INBOX) && r.err().contains("A\ttools"),
                r.err());
        assertEquals(head, Git.ok(wt, "rev-parse", "HEAD").strip(), "nothing was committed");
        assertTrue(Files.notExists(repo.claimDir("45", "dimA").resolve("submission.json")), "nothing was submitted");
    }

    @Test
    void aLaneThatChangesLanesYmlIsRefusedSoNoLaneRewritesTheIntegratorsConfiguration() {
        // required: and check: guard every lane of the wave; a lane that could change them would judge itself
        TestRepo.write(wt, "lanes.yml", Git.ok(wt, "show", "HEAD:lanes.yml") + "check: 'true'\n");
        TestRepo.write(wt, "src/app.py", "print('changed')\n");
        String head = Git.ok(wt, "rev-parse", "HEAD").strip();

        CliRun r = repo.laneIn(wt, "submit", "-m", "work, and a laxer check");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("the lane changes lanes.yml (M lanes.yml)") && r.err().contains("may not change it")
                && r.err().contains("-- lanes.yml"), r.err());
        assertEquals(head, Git.ok(wt, "rev-parse", "HEAD").strip(), "nothing was committed");
        assertTrue(Files.notExists(repo.claimDir("45", "dimA").resolve("submission.json")), "nothing was submitted");
    }
}
