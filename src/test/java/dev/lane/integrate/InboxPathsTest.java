package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox is lane's own state in the main checkout: a lane whose branch changes files under it (bypassing submit,
 * which refuses such a lane) is parked by integrate, so main never gains a file there.
 */
class InboxPathsTest {
    @TempDir
    Path tmp;

    @Test
    void aLaneWhoseBranchAddsFilesUnderTheInboxIsParkedNamingThemAndMainGainsNone() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.submitted("45", "sneaky", "src/a.txt", "A\n");
        f.write(a, "tools/offline/_inbox/45/AGENT_LEDGER.md", "# forged ledger\n");
        f.write(a, "tools/offline/_inbox/45/dimB/claim.json", "{}\n");
        commitBehindSubmit(f, a, "inbox files behind submit's back", "-f", "tools/offline/_inbox");
        f.submitted("45", "dimB", "src/b.txt", "B\n");
        String ledgerBefore = f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md");

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("tools/offline/_inbox/45/AGENT_LEDGER.md"), r.out());
        assertTrue(r.out().contains("tools/offline/_inbox/45/dimB/claim.json"), r.out());
        assertTrue(r.out().contains("under the inbox"), r.out());
        assertTrue(r.out().contains("git rm -r --cached -- tools/offline/_inbox,"), r.out());
        assertEquals("", f.git(f.repo, "ls-tree", "-r", "--name-only", "refs/heads/main", "--", "tools/offline")
                .strip(), "main gains no file under the inbox");
        assertEquals("B\n", f.onMain("src/b.txt"), "the other lane lands");
        assertFalse(f.git(f.repo, "ls-tree", "-r", "--name-only", "refs/heads/main").contains("src/a.txt"),
                "the parked lane's work does not land");
        assertTrue(f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md").startsWith(ledgerBefore),
                "the wave's ledger is not written over");
        JsonNode outcome = Json.mapper().readTree(f.read(f.repo, "tools/offline/_inbox/45/sneaky/outcome.json"));
        assertEquals("parked", outcome.get("status").asText());
    }

    @Test
    void aLaneWhoseBranchDeletesAFileMainTracksUnderTheInboxIsParked() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.write(f.repo, "tools/offline/_inbox/README.md", "team notes, kept in git on purpose\n");
        f.git(f.repo, "add", "-f", "tools/offline/_inbox/README.md");
        f.git(f.repo, "-c", "user.name=x", "-c", "user.email=x@y", "commit", "-qm", "inbox readme");
        Path a = f.submitted("45", "sneaky", "src/a.txt", "A\n");
        f.git(a, "rm", "-q", "tools/offline/_inbox/README.md");
        f.git(a, "commit", "-qm", "drop the inbox readme");
        moveSubmittedHead(f, a, "sneaky");
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("tools/offline/_inbox/README.md"), r.out());
        assertEquals(before, f.mainHead(), "the only lane was parked: main does not move");
        assertEquals("team notes, kept in git on purpose\n", f.onMain("tools/offline/_inbox/README.md"));
    }

    @Test
    void aLaneWhoseBranchPutsASymlinkAtTheInboxPathIsParkedAndTheInboxSurvives() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.submitted("45", "sneaky", "src/a.txt", "A\n");
        Files.createDirectories(a.resolve("tools/offline"));
        Files.createSymbolicLink(a.resolve("tools/offline/_inbox"), tmp.resolve("elsewhere"));
        commitBehindSubmit(f, a, "a symlink where the inbox is", "tools/offline/_inbox");
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("under the inbox tools/offline/_inbox (tools/offline/_inbox)"), r.out());
        assertEquals(before, f.mainHead(), "the only lane was parked: main does not move");
        assertTrue(Files.isRegularFile(f.repo.resolve("tools/offline/_inbox/45/AGENT_LEDGER.md")),
                "the wave's ledger is still there");
    }

    @Test
    void aLaneWhoseBranchPutsAFileWhereAFolderAboveTheInboxIsIsParkedAndTheInboxSurvives() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.submitted("45", "sneaky", "src/a.txt", "A\n");
        f.write(a, "tools/offline", "a file where the inbox's folder is\n");
        commitBehindSubmit(f, a, "a file where the inbox's folder is", "tools/offline");
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("under the inbox tools/offline/_inbox (tools/offline)"), r.out());
        assertTrue(r.out().contains("git rm -r --cached -- tools/offline,"), "the remedy names the file: " + r.out());
        assertEquals(before, f.mainHead(), "the only lane was parked: main does not move");
        assertTrue(Files.isRegularFile(f.repo.resolve("tools/offline/_inbox/45/sneaky/claim.json")),
                "the lane's claim is still there");
    }

    @Test
    void aLaneWhoseBranchChangesLanesYmlBehindSubmitIsParkedAndMainKeepsItsConfiguration() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        String config = f.onMain("lanes.yml");
        Path a = f.submitted("45", "sneaky", "src/a.txt", "A\n");
        f.write(a, "lanes.yml", config + "check: 'true'\n");
        commitBehindSubmit(f, a, "a laxer check behind submit's back", "lanes.yml");
        f.submitted("45", "dimB", "src/b.txt", "B\n");

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("changes lanes.yml") && r.out().contains("-- lanes.yml"), r.out());
        assertEquals(config, f.onMain("lanes.yml"), "main's configuration is unchanged");
        assertEquals("B\n", f.onMain("src/b.txt"), "the other lane lands");
    }

    /** Commits {@code git add addArgs} in lane sneaky's worktree and points its submission there, bypassing submit. */
    private static void commitBehindSubmit(WaveFixture f, Path worktree, String message, String... addArgs)
            throws Exception {
        List<String> add = new ArrayList<>(List.of("add"));
        add.addAll(List.of(addArgs));
        f.git(worktree, add.toArray(String[]::new));
        f.git(worktree, "commit", "-qm", message);
        moveSubmittedHead(f, worktree, "sneaky");
    }

    /** Points the lane's submission at its worktree's HEAD, as an older lane or a hand-moved branch would. */
    private static void moveSubmittedHead(WaveFixture f, Path worktree, String lane) throws Exception {
        Path submission = f.repo.resolve("tools/offline/_inbox/45/" + lane + "/submission.json");
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(Files.readString(submission));
        doc.put("head", f.git(worktree, "rev-parse", "HEAD").strip());
        Files.writeString(submission, Json.write(doc));
    }
}
