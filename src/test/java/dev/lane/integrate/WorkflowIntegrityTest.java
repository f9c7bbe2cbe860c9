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
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Main never receives a workflow GitHub would refuse (a duplicated key, a second YAML document) or one that lacks
 * its workflow_dispatch trigger: submit refuses the lane's own edit, integrate parks the lane whose edit, merged
 * with the others, would give one, naming the file, the problem, its line and the lanes it met; the other lanes land.
 */
class WorkflowIntegrityTest {
    private static final String DEPLOY = ".github/workflows/deploy.yml";

    @TempDir
    Path tmp;

    @Test
    void twoLanesEachAddingPullRequestUnderOnLandOnlyTheFirstAndParkTheSecondNamingKeyLineAndLane()
            throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path x = f.claim("45", "x");
        Path y = f.claim("45", "y");
        Path z = f.claim("45", "z");
        f.write(x, DEPLOY, WaveFixture.DEPLOY.replace("  workflow_dispatch:\n",
                "  pull_request:\n    branches: [main]\n  workflow_dispatch:\n"));
        f.submit(x);
        f.write(y, DEPLOY, WaveFixture.DEPLOY.replace("  workflow_dispatch:\n", "  workflow_dispatch:\n"
                + "  pull_request:\n"));
        f.write(y, "src/y.txt", "Y\n");
        f.submit(y);
        f.write(z, "src/z.txt", "Z\n");
        f.submit(z);

        CliRun r = f.integrate("--wave", "45", "--json").expect(4);

        Map<String, JsonNode> lanes = lanes(r);
        assertEquals("integrated", lanes.get("x").get("status").asText());
        assertEquals("integrated", lanes.get("z").get("status").asText());
        assertEquals("parked", lanes.get("y").get("status").asText());
        String reason = lanes.get("y").get("reason").asText();
        assertTrue(reason.contains("combining this lane's edit of " + DEPLOY + " with the edit of lane x (before it "
                + "in this pass)"), reason);
        assertTrue(reason.contains("has the key 'pull_request' twice under 'on' (again at line 8)"), reason);
        String onMain = f.onMain(DEPLOY);
        assertEquals(1, onMain.lines().filter(l -> l.equals("  pull_request:")).count(), onMain);
        assertTrue(f.onMain("src/z.txt").equals("Z\n"));
        assertFalse(f.git(f.repo, "ls-tree", "-r", "--name-only", "main").contains("src/y.txt"),
                "a parked lane lands nothing: not its code either");
    }

    @Test
    void theParkedLaneIsToldToRedoItsEditAfterSyncForTheWorktreesFileNoLongerHasIt() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        ParkedLane parked = yParkedBehindX(f);
        Path y = parked.worktree();
        String reason = parked.reason();
        assertTrue(reason.contains("lane sync (it brings in main's " + DEPLOY + ", with the edit of lane x once this "
                + "pass has landed it), then redo this lane's edit of that file so it holds both edits"), reason);

        f.lane(y, "sync").expect(0);
        assertEquals(f.onMain(DEPLOY), f.read(y, DEPLOY), "after sync the worktree has main's file, not the lane's edit");
    }

    @Test
    void aParkedLaneThatRedoesItsWorkflowEditAsToldLandsAndASubmitWithoutResetSaysTheEarlierEditIsTheProblem()
            throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        ParkedLane parked = yParkedBehindX(f);
        Path y = parked.worktree();
        String reason = parked.reason();
        assertTrue(reason.contains("lane submit --reset-intents"), "the way that works: " + reason);

        f.lane(y, "sync").expect(0);
        // one pull_request: holding both edits, as the reason asks
        f.write(y, DEPLOY, f.read(y, DEPLOY).replace("    branches: [main]\n  workflow_dispatch:",
                "    branches: [main]\n    types: [opened]\n  workflow_dispatch:"));
        CliRun plain = f.lane(y, "submit", "-m", "both");

        assertEquals(2, plain.exitCode(), plain.toString());
        assertTrue(plain.err().contains("your earlier submitted edit of " + DEPLOY), "the worktree's file has the key "
                + "once: the message must say where the second comes from: " + plain.err());
        assertTrue(plain.err().contains("--reset-intents"), plain.err());
        f.lane(y, "submit", "-m", "both", "--reset-intents").expect(0);
        f.integrate("--wave", "45").expect(0);
        String onMain = f.onMain(DEPLOY);
        assertEquals(1, onMain.lines().filter(l -> l.equals("  pull_request:")).count(), onMain);
        assertTrue(onMain.contains("    branches: [main]\n    types: [opened]\n  workflow_dispatch:"), onMain);
    }

    @Test
    void submitRefusesADuplicatedKeyAndASecondDocumentNamingFileKeyAndLine() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        f.write(a, DEPLOY, WaveFixture.DEPLOY + "---\njunk: [unclosed\n");
        f.write(b, DEPLOY, "on:\n  push:\n" + WaveFixture.DEPLOY);

        CliRun ra = f.lane(a, "submit", "-m", "a").expect(2);
        CliRun rb = f.lane(b, "submit", "-m", "b").expect(2);

        assertTrue(ra.err().contains(DEPLOY + " holds more than one YAML document (another starts at line 20 with "
                + "'---') and that document is not valid YAML either at line 22"), ra.err());
        assertTrue(rb.err().contains(DEPLOY + " has the key 'on' twice at the top level (again at line 4)"),
                rb.err());
        assertFalse(Files.exists(f.repo.resolve("tools/offline/_inbox/45/a/submission.json")));
        assertFalse(Files.exists(f.repo.resolve("tools/offline/_inbox/45/b/submission.json")));
    }

    @Test
    void editsFromAnOlderToolThatAddASecondDocumentOrATopLevelKeyTwiceAreParkedAndTheRestLand() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        Path c = f.claim("45", "c");
        f.write(a, DEPLOY, WaveFixture.DEPLOY.replace("make build", "make build-all"));
        f.submit(a);
        f.write(b, DEPLOY, WaveFixture.DEPLOY.replace("make smoke", "make smoke-all"));
        f.submit(b);
        f.write(c, "src/c.txt", "C\n");
        f.submit(c);
        // What submit of an older lane let through (audit repro B): the integrator trusts nothing it did not check.
        editSubmittedWorkflow(f, "a", WaveFixture.DEPLOY + "---\njunk: [unclosed\n");
        editSubmittedWorkflow(f, "b", "on:\n  push:\n" + WaveFixture.DEPLOY);
        String before = f.onMain(DEPLOY);

        CliRun r = f.integrate("--wave", "45", "--json").expect(4);

        Map<String, JsonNode> lanes = lanes(r);
        assertEquals("parked", lanes.get("a").get("status").asText());
        assertEquals("parked", lanes.get("b").get("status").asText());
        assertEquals("integrated", lanes.get("c").get("status").asText());
        assertTrue(lanes.get("a").get("reason").asText().contains("this lane's version of the workflow cannot be "
                + "read: " + DEPLOY + " holds more than one YAML document (another starts at line 20"),
                lanes.get("a").toString());
        assertTrue(lanes.get("b").get("reason").asText().contains(DEPLOY + " has the key 'on' twice at the top "
                + "level (again at line 4)"), lanes.get("b").toString());
        assertEquals(before, f.onMain(DEPLOY));
        assertEquals("C\n", f.onMain("src/c.txt"));
    }

    @Test
    void whenMainLostItsTriggerALaneEditingTheWorkflowIsParkedAsMainsProblemAndAnUnrelatedLaneLands() {
        WaveFixture f = WaveFixture.create(tmp);
        Path x = f.claim("45", "x");
        Path y = f.claim("45", "y");
        f.write(f.repo, DEPLOY, WaveFixture.DEPLOY.replace("  workflow_dispatch:\n", ""));
        f.git(f.repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "hotfix: no dispatch");
        f.write(x, DEPLOY, WaveFixture.DEPLOY.replace("make test", "make test-all"));
        f.submit(x);
        f.write(y, "src/y.txt", "Y\n");
        f.submit(y);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("main's version of " + DEPLOY + " already lacks a workflow_dispatch trigger "
                + "(this lane's edit did not remove it)"), r.out());
        assertTrue(r.out().contains("Put 'workflow_dispatch:' back under 'on:' on main, then integrate again"),
                r.out());
        assertFalse(r.out().contains("lost"), r.out());
        assertEquals("Y\n", f.onMain("src/y.txt"));
        assertFalse(f.onMain(DEPLOY).contains("make test-all"));

        f.write(f.repo, DEPLOY, WaveFixture.DEPLOY);
        f.git(f.repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "dispatch is back");
        f.integrate("--wave", "45").expect(0);
        assertTrue(f.onMain(DEPLOY).contains("make test-all") && f.onMain(DEPLOY).contains("workflow_dispatch:"));
    }

    @Test
    void submitOfAnEditToAWorkflowMainNeverGaveTheTriggerSaysMainLacksItNotThatTheLaneLostIt() {
        WaveFixture f = WaveFixture.create(tmp);
        f.write(f.repo, DEPLOY, WaveFixture.DEPLOY.replace("  workflow_dispatch:\n", ""));
        f.git(f.repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "no dispatch");
        Path x = f.claim("45", "x");
        f.write(x, DEPLOY, WaveFixture.DEPLOY.replace("  workflow_dispatch:\n", "").replace("make test",
                "make test-all"));

        CliRun r = f.lane(x, "submit", "-m", "x").expect(2);

        assertTrue(r.err().contains("main's version of " + DEPLOY + " already lacks a workflow_dispatch trigger (as "
                + "this lane found it); this lane did not remove it"), r.err());
        assertFalse(r.err().contains("lost"), r.err());
        f.write(x, DEPLOY, WaveFixture.DEPLOY.replace("make test", "make test-all"));
        f.submit(x); // adding the trigger back in the lane's edit is the way through
    }

    @Test
    void anOverlappingWorkflowEditNamesTheLaneItOverlappedAndLabelsEachSide() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "first");
        Path b = f.claim("45", "second");
        f.write(a, DEPLOY, WaveFixture.DEPLOY.replace("make test", "make test-fast"));
        f.submit(a);
        f.write(b, DEPLOY, WaveFixture.DEPLOY.replace("make test", "make test-all"));
        f.submit(b);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("workflow edit of " + DEPLOY + " overlaps the edit of lane first (before it in "
                + "this pass):"), r.out());
        assertTrue(r.out().contains("<<<<<<< main + lane first (this pass)\n"), r.out());
        assertTrue(r.out().contains(">>>>>>> lane second"), r.out());
        assertTrue(r.out().contains("lane sync"), r.out());
    }

    @Test
    void anEditOverlappingAChangeOnMainSinceTheLanesBaseSaysSo() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "a");
        f.write(f.repo, DEPLOY, WaveFixture.DEPLOY.replace("make test", "make test-main"));
        f.git(f.repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "main's test");
        f.write(a, DEPLOY, WaveFixture.DEPLOY.replace("make test", "make test-a"));
        f.submit(a);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("overlaps main's changes to it since the lane's base:"), r.out());
        assertTrue(r.out().contains("<<<<<<< main\n"), r.out());
    }

    private static void editSubmittedWorkflow(WaveFixture f, String lane, String text) throws Exception {
        Path submission = f.repo.resolve("tools/offline/_inbox/45/" + lane + "/submission.json");
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(Files.readString(submission));
        ((ObjectNode) doc.get("intents").get("workflows").get(0)).put("lane", text);
        Files.writeString(submission, Json.write(doc));
    }

    private static Map<String, JsonNode> lanes(CliRun r) throws Exception {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode lane : Json.mapper().readTree(r.out()).get("lanes")) {
            out.put(lane.get("lane").asText(), lane);
        }
        return out;
    }

    /** A lane the pass parked: its worktree and the reason. */
    private record ParkedLane(Path worktree, String reason) {
    }

    /**
     * Lane x adds {@code pull_request:} with branches, lane y (claimed after it) its own {@code pull_request:} with
     * types: both submit, and the pass lands x and parks y.
     */
    private static ParkedLane yParkedBehindX(WaveFixture f) throws Exception {
        Path x = f.claim("45", "x");
        Path y = f.claim("45", "y");
        f.write(x, DEPLOY, WaveFixture.DEPLOY.replace("  workflow_dispatch:\n",
                "  pull_request:\n    branches: [main]\n  workflow_dispatch:\n"));
        f.submit(x);
        f.write(y, DEPLOY, WaveFixture.DEPLOY.replace("  workflow_dispatch:\n", "  workflow_dispatch:\n"
                + "  pull_request:\n    types: [opened]\n"));
        f.submit(y);
        return new ParkedLane(y, lanes(f.integrate("--wave", "45", "--json").expect(4)).get("y").get("reason")
                .asText());
    }
}
