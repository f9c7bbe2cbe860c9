package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import dev.lane.support.JvmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrateChecksTest {
    @TempDir
    Path tmp;

    @Test
    void aManifestLackingARequiredMigrationRefusesThePassWithExit5AndMainStays() {
        WaveFixture f = WaveFixture.refusedForAMissingMigration(tmp, "049_provenance_strengthen.sql",
                "090_law_article_body_en.sql");
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(5);

        assertTrue(r.err().contains("lacks required migration 090_law_article_body_en.sql"), r.err());
        assertTrue(r.err().contains("nothing was changed"), r.err());
        assertEquals(before, f.mainHead());
        assertFalse(Files.exists(f.repo.resolve("tools/offline/_inbox/45/dimA/outcome.json")));
        assertTrue(f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md").contains("| integrate-refused |"));
    }

    @Test
    void aRequiredMigrationMainAlreadyLacksRefusesThePassSayingSoAndWhatToDo() {
        WaveFixture f = WaveFixture.refusedForAMissingMigration(tmp, "049_provenance_strengthen.sql",
                "090_law_article_body_en.sql");

        CliRun r = f.integrate("--wave", "45").expect(5);

        assertTrue(r.err().contains("lacks required migration 090_law_article_body_en.sql (required: in lanes.yml). "
                + "Main's manifest lacked it already, before this pass"), r.err());
        assertTrue(r.err().contains("lane submit --manifest 090_law_article_body_en.sql"), r.err());
        assertTrue(r.err().contains("or take it out of required: in lanes.yml; then integrate again."), r.err());
    }

    @Test
    void aManifestEntryWhoseMigrationMainAlreadyLacksRefusesThePassSayingSoAndWhatToDo() {
        WaveFixture f = WaveFixture.create(tmp);
        f.git(f.repo, "rm", "-q", "scripts/migrations/075_am_amendment_diff.sql");
        f.git(f.repo, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "drop a listed migration");
        f.submitted("45", "dimA", "src/a.txt", "A\n");

        CliRun r = f.integrate("--wave", "45").expect(5);

        assertTrue(r.err().contains("lists 075_am_amendment_diff.sql, but there is no "
                + "scripts/migrations/075_am_amendment_diff.sql. It was so on main already, before this pass: restore "
                + "scripts/migrations/075_am_amendment_diff.sql on main, or take the line 075_am_amendment_diff.sql "
                + "out of the manifest on main; then integrate again."), r.err());
    }

    @Test
    void aSubmittedWorkflowEditThatDropsItsWorkflowDispatchTriggerIsParkedAndMainKeepsTheTrigger()
            throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.write(a, ".github/workflows/deploy.yml", WaveFixture.DEPLOY.replace("make build", "make build-all"));
        f.submit(a);
        // A submission edited by hand (or by an older tool) whose workflow edit drops the manual trigger: the
        // integrator trusts nothing it did not check itself.
        Path submission = f.repo.resolve("tools/offline/_inbox/45/dimA/submission.json");
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(Files.readString(submission));
        ObjectNode edit = (ObjectNode) doc.get("intents").get("workflows").get(0);
        edit.put("lane", edit.get("lane").asText().replace("  workflow_dispatch:\n", ""));
        Files.writeString(submission, Json.write(doc));
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("this lane's edit removes the workflow_dispatch trigger of "
                + ".github/workflows/deploy.yml"), r.out());
        assertEquals(before, f.mainHead());
    }

    @Test
    void aFailingCheckCommandIsBisectedToTheOneBreakingLaneWhichIsParkedWhileTheRestLand() throws Exception {
        WaveFixture f = WaveFixture.create(tmp, "check: \"! grep -rq BROKEN src\"\n");
        String[] lanes = {"l1", "l2", "l3", "l4", "l5"};
        for (String lane : lanes) {
            Path wt = f.claim("45", lane);
            f.write(wt, "src/" + lane + ".txt", lane.equals("l4") ? "BROKEN\n" : "fine\n");
            f.submit(wt);
        }

        CliRun r = f.integrate("--wave", "45", "--json").expect(4);

        JsonNode doc = Json.mapper().readTree(r.out());
        for (JsonNode lane : doc.get("lanes")) {
            String expected = lane.get("lane").asText().equals("l4") ? "parked" : "integrated";
            assertEquals(expected, lane.get("status").asText(), lane.toString());
        }
        assertTrue(doc.get("lanes").get(3).get("reason").asText().contains("the check command fails with this lane"));
        String files = f.git(f.repo, "ls-tree", "-r", "--name-only", "refs/heads/main", "src/");
        assertTrue(files.contains("src/l5.txt") && !files.contains("src/l4.txt"), files);
        assertEquals("", f.git(f.repo, "worktree", "list", "--porcelain").lines()
                .filter(l -> l.contains("lane-check-")).reduce("", String::concat), "temporary checkouts removed");
    }

    @Test
    void aCheckThatPrintsBytesThatAreNotUtf8IsJudgedByItsExitStatusNotReportedAsAnInternalError() throws Exception {
        WaveFixture f = WaveFixture.create(tmp,
                "check: \"if [ -f src/bad.txt ]; then printf 'bad \\\\377\\\\376 bytes\\\\n'; exit 1; fi\"\n");
        f.submitted("45", "good", "src/good.txt", "fine\n");
        f.submitted("45", "bad", "src/bad.txt", "not fine\n");

        CliRun r = f.integrate("--wave", "45", "--json").expect(4);

        JsonNode lanes = Json.mapper().readTree(r.out()).get("lanes");
        assertEquals("integrated", lanes.get(0).get("status").asText(), lanes.toString());
        assertEquals("parked", lanes.get(1).get("status").asText(), lanes.toString());
        assertTrue(lanes.get(1).get("reason").asText().contains("exit 1:\nbad \uFFFD\uFFFD bytes"), lanes.toString());
    }

    @Test
    void aCheckThatHangsPastCheckTimeoutIsStoppedWithItsChildrenAndTheLaneThatHangsItIsParked() throws Exception {
        WaveFixture f = WaveFixture.create(tmp, "check: \"if [ -f src/hang.txt ]; then sleep 6173; fi\"\n"
                + "checkTimeout: 1s\n");
        Path fine = f.submitted("45", "fine", "src/fine.txt", "fine\n");
        f.submitted("45", "hangs", "src/hang.txt", "zzz\n");

        CliRun r = f.integrate("--wave", "45", "--json").expect(4);

        JsonNode doc = Json.mapper().readTree(r.out());
        assertEquals("integrated", doc.get("lanes").get(0).get("status").asText(), r.out());
        assertEquals("parked", doc.get("lanes").get(1).get("status").asText(), r.out());
        assertTrue(doc.get("lanes").get(1).get("reason").asText()
                .contains("stopped after 1s (checkTimeout in lanes.yml)"), r.out());
        assertEquals("fine\n", f.onMain("src/fine.txt"));
        assertTrue(ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().orElse("").contains("sleep 6173")),
                "the check's own children are stopped too");
    }

    @Test
    void aCheckCommandThatPassesLetsTheWholeWaveLandAfterOneRun() {
        WaveFixture f = WaveFixture.create(tmp, "check: \"test -f src/app.txt\"\n");
        Path a = f.submitted("45", "dimA", "src/a.txt", "A\n");

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertEquals("A\n", f.onMain("src/a.txt"), r.out());
    }

    @Test
    void aCheckRunByAPassStartedWithGitDirSetSeesTheCommitItChecksNotTheMainRepository() throws Exception {
        // As in a git hook, which runs with GIT_DIR set: the check's own git commands must still see its checkout.
        WaveFixture f = WaveFixture.create(tmp, "check: 'test \"$(git rev-parse HEAD)\" = \"$LANE_CHECK_COMMIT\"'\n");
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        f.submitted("45", "dimB", "src/b.txt", "B\n");

        JvmProcess.Result r = JvmProcess.lane("integrate", "--wave", "45").in(f.repo).logs(tmp.resolve("pass-logs"))
                .env("GIT_DIR", f.repo.resolve(".git").toString()).env("LANE_AGENT", "integrator").start()
                .await(Duration.ofMinutes(2));

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("A\n", f.onMain("src/a.txt"));
        assertEquals("B\n", f.onMain("src/b.txt"));
    }

    @Test
    void aCheckThatLeavesReadOnlyFoldersInItsCheckoutIsJudgedByItsExitStatusAndItsCheckoutIsStillRemoved()
            throws Exception {
        // Go's module cache, a test that write-protects its fixtures: folders without write permission, whose
        // files a user (not root, who may delete anything) cannot delete as they are.
        assumeFalse(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "root deletes them anyway");
        WaveFixture f = WaveFixture.create(tmp,
                "check: \"mkdir -p gocache/mod/pkg && touch gocache/mod/pkg/f && chmod -R a-w gocache\"\n");
        f.submitted("45", "dimA", "src/a.txt", "A\n");

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertEquals("A\n", f.onMain("src/a.txt"), r.out());
        String prefix = "lane-check-" + ProcessHandle.current().pid() + "-";
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(java.util.List.of(), left.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList(), "the check's temporary folder is removed");
        }
        assertFalse(f.git(f.repo, "worktree", "list", "--porcelain").contains("lane-check-"), "its worktree pruned");
    }
}
