package dev.lane.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.testing.TestRepo;
import dev.lane.testing.TestRepo.Run;
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
        Run claim = repo.lane("claim", "--wave", "45", "--lane", "dimA");
        assertEquals(0, claim.exitCode(), claim.toString());
        wt = repo.worktree("45", "dimA");
    }

    private JsonNode submitJson(String... extra) throws Exception {
        String[] args = new String[extra.length + 2];
        args[0] = "submit";
        args[1] = "--json";
        System.arraycopy(extra, 0, args, 2, extra.length);
        Run r = repo.laneIn(wt, args);
        assertEquals(0, r.exitCode(), r.toString());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void sharedFileEditsBecomeIntentsAndLeaveTheLaneBranch() throws Exception {
        TestRepo.write(wt, TestRepo.MANIFEST, "001_init.sql\n049_provenance_strengthen.sql\n252_law_jorei_pref.sql\n");
        TestRepo.write(wt, "scripts/migrations/252_law_jorei_pref.sql", "create table law(x int);\n");
        TestRepo.write(wt, "scripts/migrations/255_enforcement_municipality.sql", "create table e(x int);\n");
        TestRepo.write(wt, "pyproject.toml", TestRepo.PYPROJECT.replace("0.3.5", "0.4.0"));
        TestRepo.write(wt, TestRepo.DEPLOY, TestRepo.WORKFLOW.replace("concurrency: deploy", "concurrency: deploy-prod"));
        TestRepo.write(wt, "app/law.py", "LAW = 1\n");

        JsonNode doc = submitJson("-m", "laws");

        JsonNode intents = doc.get("intents");
        assertEquals(List.of("252_law_jorei_pref.sql", "255_enforcement_municipality.sql"),
                new ObjectMapper().convertValue(intents.get("manifest"), List.class));
        assertEquals("minor", intents.get("bump").asText());
        assertEquals(TestRepo.DEPLOY, intents.get("workflows").get(0).get("path").asText());
        assertEquals(TestRepo.WORKFLOW, intents.get("workflows").get(0).get("base").asText());
        String base = doc.get("base").asText();
        String head = doc.get("head").asText();
        String surfaceDiff = TestRepo.gitIn(wt, "diff", "--name-only", base, head, "--", TestRepo.MANIFEST,
                "pyproject.toml", "server.json", ".github/workflows");
        assertEquals("", surfaceDiff, "the lane branch must touch no shared file");
        String laneDiff = TestRepo.gitIn(wt, "diff", "--name-only", base, head);
        assertTrue(laneDiff.contains("app/law.py") && laneDiff.contains("scripts/migrations/252_law_jorei_pref.sql"),
                laneDiff);
        assertEquals("", TestRepo.gitIn(wt, "status", "--porcelain"), "the worktree is clean after submit");
        assertTrue(Files.readString(repo.inbox().resolve("45/dimA/submission.json")).contains(head));
    }

    @Test
    void aVersionThatIsNotTheNextLevelBecomesAnExplicitVersion() throws Exception {
        TestRepo.write(wt, "server.json", TestRepo.SERVER_JSON.replace("0.3.5", "1.2.0"));
        assertEquals("1.2.0", submitJson("-m", "v").get("intents").get("bump").asText());
    }

    @Test
    void aDirtyWorktreeWithoutMessageIsRefusedWithTheFilesAndNothingChanges() throws Exception {
        TestRepo.write(wt, "app/new.py", "x = 1\n");
        TestRepo.write(wt, "app/main.py", "print('changed')\n");
        List<String> before = repo.inboxListing();
        String headBefore = TestRepo.gitIn(wt, "rev-parse", "HEAD");

        Run r = repo.laneIn(wt, "submit");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("M app/main.py") && r.err().contains("?? app/new.py"), r.err());
        assertTrue(r.err().contains("-m MESSAGE"), r.err());
        assertEquals(before, repo.inboxListing());
        assertEquals(headBefore, TestRepo.gitIn(wt, "rev-parse", "HEAD"));
    }

    @Test
    void aManifestEntryWithoutItsMigrationFileIsRefusedBeforeAnythingIsCommitted() throws Exception {
        TestRepo.write(wt, "app/x.py", "x = 1\n");
        String headBefore = TestRepo.gitIn(wt, "rev-parse", "HEAD");
        List<String> before = repo.inboxListing();

        Run r = repo.laneIn(wt, "submit", "-m", "x", "--manifest", "260_vec_e5.sql");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("260_vec_e5.sql names no migration file"), r.err());
        assertEquals(headBefore, TestRepo.gitIn(wt, "rev-parse", "HEAD"), "-m must not have committed");
        assertEquals("?? app/x.py\n", TestRepo.gitIn(wt, "status", "--porcelain"));
        assertEquals(before, repo.inboxListing());
    }

    @Test
    void aBumpLowerThanTheBaseVersionIsRefused() {
        Run r = repo.laneIn(wt, "submit", "--bump", "0.3.4");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lower than the current version 0.3.5"), r.err());
    }

    @Test
    void aGarbageBumpIsAUsageErrorNamingIt() {
        Run r = repo.laneIn(wt, "submit", "--bump", "huge");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("invalid bump 'huge'"), r.err());
    }

    @Test
    void removingAManifestLineIsRefusedBecauseEntriesCanOnlyBeAdded() throws Exception {
        TestRepo.write(wt, TestRepo.MANIFEST, "001_init.sql\n");
        Run r = repo.laneIn(wt, "submit", "-m", "drop");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("removes manifest entries 049_provenance_strengthen.sql"), r.err());
    }

    @Test
    void editingAVersionFileBeyondItsVersionIsRefused() throws Exception {
        TestRepo.write(wt, "pyproject.toml", TestRepo.PYPROJECT.replace("fastapi", "flask"));
        Run r = repo.laneIn(wt, "submit", "-m", "deps");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("pyproject.toml beyond its version value"), r.err());
    }

    @Test
    void aWorkflowEditThatDropsManualDispatchIsRefusedAtSubmit() throws Exception {
        TestRepo.write(wt, TestRepo.DEPLOY, TestRepo.WORKFLOW.replace("  workflow_dispatch:\n", ""));
        Run r = repo.laneIn(wt, "submit", "-m", "ci");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lost its workflow_dispatch trigger"), r.err());
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
        Run ledger = repo.lane("ledger", "--lane", "dimA");
        assertTrue(ledger.out().contains("submitted") && ledger.out().contains("resubmitted"), ledger.out());
    }

    @Test
    void submitKnowsItsLaneFromTheWorktreeAndAlsoWorksFromElsewhereWithWaveAndLane() throws Exception {
        Run outside = repo.lane("submit");
        assertEquals(2, outside.exitCode());
        assertTrue(outside.err().contains("not inside a lane's worktree"), outside.err());
        Run named = repo.lane("submit", "--wave", "45", "--lane", "dimA");
        assertEquals(0, named.exitCode(), named.toString());
        Run fromSubfolder = repo.laneIn(wt.resolve("app"), "submit");
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
        TestRepo.write(wt, TestRepo.MANIFEST, "# boot allowlist\n001_init.sql\n049_provenance_strengthen.sql\n252_a.sql\n");
        Run r = repo.laneIn(wt, "submit", "-m", "comment");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("beyond adding entries"), r.err());
    }

    @Test
    void aRepositoryWithoutAMigrationsFolderCanSubmitCodeChanges(@TempDir Path other) throws Exception {
        Path plain = other.resolve("plain");
        Files.createDirectories(plain);
        TestRepo.gitIn(plain, "init", "-q", "-b", "main");
        TestRepo.write(plain, "a.txt", "a\n");
        TestRepo.write(plain, "lanes.yml", "worktree: " + other.resolve("wt") + "/{lane}\n");
        TestRepo.gitIn(plain, "add", "-A");
        TestRepo.gitIn(plain, "commit", "-qm", "a");
        assertEquals(0, repo.laneIn(plain, "claim", "--wave", "1", "--lane", "a").exitCode());
        TestRepo.write(other.resolve("wt/a"), "b.txt", "b\n");
        Run r = repo.laneIn(other.resolve("wt/a"), "submit", "-m", "b");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("intents: no intents"), r.out());
    }
}
