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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrateLandingTest {
    @TempDir
    Path tmp;

    @Test
    void twoLanesLandAndMainMovesOnceWithOneMergePerLaneAndOneSharedFilesCommit() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "src/a.txt", "from A\n");
        f.write(a, "scripts/migrations/260_vec_e5.sql", "-- 260\n");
        f.submit(a);
        f.write(b, "src/b.txt", "from B\n");
        f.submit(b, "--bump", "minor");
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertTrue(r.out().contains("dimA") && r.out().contains("dimB"), r.out());
        List<String> subjects = f.firstParentSubjects();
        assertEquals("lane: shared files of wave 45 (2 lanes)", subjects.get(0));
        assertEquals("lane: merge lane dimB of wave 45", subjects.get(1));
        assertEquals("lane: merge lane dimA of wave 45", subjects.get(2));
        assertEquals("initial", subjects.get(3));
        assertEquals(before, f.git(f.repo, "rev-parse", "refs/heads/main~3").strip(), "main's first parents");
        String reflog = f.git(f.repo, "reflog", "show", "--format=%gs", "refs/heads/main");
        assertEquals(1, reflog.lines().filter(l -> l.startsWith("lane integrate")).count(), "main moved once: " + reflog);
        assertEquals("from A\n", f.onMain("src/a.txt"));
        assertEquals("from B\n", f.onMain("src/b.txt"));
        assertTrue(f.onMain(WaveFixture.MANIFEST).endsWith("252_law_jorei_pref.sql\n260_vec_e5.sql\n"));
        String message = f.git(f.repo, "log", "-1", "--format=%B", "refs/heads/main");
        assertTrue(message.contains("260_vec_e5.sql  (lane dimA)"), message);
        assertTrue(message.contains("minor from lane dimB"), message);
        assertTrue(message.contains("Lane-Bump: 45 0.3.5 -> 0.4.0"), message);
        assertEquals("from A\n", f.read(f.repo, "src/a.txt"), "the clean main checkout follows main");
        assertEquals("", f.git(f.repo, "status", "--porcelain", "--untracked-files=no"));

        JsonNode outcome = Json.mapper().readTree(f.read(f.repo, "tools/offline/_inbox/45/dimA/outcome.json"));
        assertEquals("integrated", outcome.get("status").asText());
        assertEquals("260_vec_e5.sql", outcome.get("applied").get("manifest").get(0).asText());
        String ledger = f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md");
        assertTrue(ledger.contains("| integrated | 45 | dimA |") && ledger.contains("| main-moved |"), ledger);
    }

    @Test
    void aConflictingLaneIsParkedWithItsPathsWhileTheOthersLandWithExit4() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        Path c = f.claim("45", "dimC");
        f.write(a, "src/app.txt", WaveFixture.APP.replace("line 3", "line 3 by A"));
        f.submit(a);
        f.write(b, "src/app.txt", WaveFixture.APP.replace("line 3", "line 3 by B"));
        f.write(b, "scripts/migrations/261_legal_chain_v2.sql", "-- 261\n");
        f.submit(b);
        f.write(c, "src/c.txt", "C\n");
        f.submit(c);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("PARKED"), r.out());
        assertTrue(r.out().contains("code conflict in src/app.txt (also changed by lane dimA)"), r.out());
        assertTrue(f.onMain("src/app.txt").contains("line 3 by A"));
        assertEquals("C\n", f.onMain("src/c.txt"));
        assertFalse(f.onMain(WaveFixture.MANIFEST).contains("261"), "a parked lane applies no intent");
        JsonNode outcome = Json.mapper().readTree(f.read(f.repo, "tools/offline/_inbox/45/dimB/outcome.json"));
        assertEquals("parked", outcome.get("status").asText());
        assertTrue(outcome.get("reason").asText().contains("src/app.txt"));
    }

    @Test
    void aFileRenamedInOneLaneAndEditedInAnotherLandsBothChanges() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "mover");
        Path b = f.claim("45", "editor");
        f.git(a, "mv", "src/app.txt", "src/application.txt");
        f.submit(a);
        f.write(b, "src/app.txt", WaveFixture.APP.replace("line 5", "line 5 edited"));
        f.submit(b);

        f.integrate("--wave", "45").expect(0);

        assertTrue(f.onMain("src/application.txt").contains("line 5 edited"));
        assertFalse(f.git(f.repo, "ls-tree", "-r", "--name-only", "refs/heads/main").contains("src/app.txt\n"));
    }

    @Test
    void aSecondPassReportsLandedLanesAsAlreadyIntegratedAndLeavesMainAlone() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.write(a, "scripts/migrations/260_vec_e5.sql", "-- 260\n");
        f.submit(a, "--bump", "patch");
        f.integrate("--wave", "45").expect(0);
        String after = f.mainHead();

        CliRun again = f.integrate("--wave", "45", "--json").expect(0);

        assertEquals(after, f.mainHead());
        JsonNode doc = Json.mapper().readTree(again.out());
        assertEquals("already-integrated", doc.get("lanes").get(0).get("status").asText());
        assertEquals("0.3.6", doc.get("version").get("from").asText());
        assertEquals("0.3.6", doc.get("version").get("to").asText());
        JsonNode outcome = Json.mapper().readTree(f.read(f.repo, "tools/offline/_inbox/45/dimA/outcome.json"));
        assertEquals("integrated", outcome.get("status").asText(), "the first pass's record is kept");
    }

    @Test
    void aLaneWhoseBranchChangesASharedFileItselfIsParkedAsBypassingSubmit() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "sneaky");
        Path b = f.claim("45", "honest");
        f.write(a, "src/a.txt", "A\n");
        f.submit(a);
        f.write(a, "pyproject.toml", WaveFixture.PYPROJECT.replace("0.3.5", "0.9.0"));
        f.git(a, "commit", "-qam", "bump behind submit's back");
        Path submission = f.repo.resolve("tools/offline/_inbox/45/sneaky/submission.json");
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(Files.readString(submission));
        doc.put("head", f.git(a, "rev-parse", "HEAD").strip());
        Files.writeString(submission, Json.write(doc));
        f.write(b, "src/b.txt", "B\n");
        f.submit(b);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("changes shared files itself (pyproject.toml)"), r.out());
        assertTrue(r.out().contains("bypassed"), r.out());
        assertEquals(WaveFixture.PYPROJECT, f.onMain("pyproject.toml"));
        assertEquals("B\n", f.onMain("src/b.txt"));
    }

    @Test
    void aLaneWhoseBranchChangesNestedSharedFilesItselfIsParkedNamingThem() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.submitted("45", "sneaky", "src/a.txt", "A\n");
        f.write(a, ".github/workflows/deploy.yml", WaveFixture.DEPLOY + "# edited behind submit's back\n");
        f.write(a, "scripts/migrations/autonomath_boot_manifest.txt",
                f.read(a, "scripts/migrations/autonomath_boot_manifest.txt") + "999_sneaky.sql\n");
        f.git(a, "commit", "-qam", "shared files behind submit's back");
        Path submission = f.repo.resolve("tools/offline/_inbox/45/sneaky/submission.json");
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(Files.readString(submission));
        doc.put("head", f.git(a, "rev-parse", "HEAD").strip());
        Files.writeString(submission, Json.write(doc));
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("changes shared files itself (.github/workflows/deploy.yml, "
                + "scripts/migrations/autonomath_boot_manifest.txt)"), r.out());
        assertEquals(before, f.mainHead(), "the only lane was parked: main does not move");
    }

    @Test
    void aLaneWhoseEditBecameASharedFileThroughLanesYmlOnMainIsParkedSayingSoAndLandsAfterASubmit() {
        WaveFixture f = WaveFixture.create(tmp);
        String ci = ".github/workflows/ci.yaml";
        String ciText = "name: ci\non:\n  push:\n  workflow_dispatch:\njobs:\n  t:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - run: make test\n";
        f.commitOnMain(ci, ciText, "a .yaml workflow");
        Path w = f.claim("45", "w");
        f.write(w, ci, ciText.replace("make test", "make check"));
        f.submit(w); // not a shared file under the lane's lanes.yml: plain code
        f.commitOnMain("lanes.yml", f.read(f.repo, "lanes.yml")
                + "workflows: [\".github/workflows/*.yml\", \".github/workflows/*.yaml\"]\n", "yaml workflows too");

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("changes shared files itself (" + ci + ")"), r.out());
        assertFalse(r.out().contains("bypassed lane submit"), "the lane did not bypass submit: " + r.out());
        assertTrue(r.out().contains("lanes.yml on main has changed since the lane forked"), r.out());
        f.lane(w, "submit").expect(0);
        f.integrate("--wave", "45").expect(0);
        assertTrue(f.onMain(ci).contains("make check"), f.onMain(ci));
    }

    @Test
    void squashLandsOneSingleParentCommitPerLaneAndASecondPassSkipsIt() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.write(a, "src/a.txt", "A\n");
        f.git(a, "add", "-A");
        f.git(a, "commit", "-qm", "first");
        f.write(a, "src/a2.txt", "A2\n");
        f.submit(a);

        f.integrate("--wave", "45", "--squash").expect(0);
        String after = f.mainHead();

        assertEquals("lane: integrate lane dimA of wave 45 (squashed)", f.firstParentSubjects().get(0));
        assertEquals("2", f.git(f.repo, "rev-list", "--count", "refs/heads/main").strip(),
                "initial + one squashed commit, none of the lane's own commits");
        assertEquals("A\nA2\n", f.onMain("src/a.txt") + f.onMain("src/a2.txt"));
        CliRun again = f.integrate("--wave", "45", "--squash").expect(0);
        assertTrue(again.out().contains("already on main, nothing to do: dimA"), again.out());
        assertEquals(after, f.mainHead());
    }

    @Test
    void aLaneThatGoesOnWorkingAfterASquashedLandingLandsItsNewWorkWithoutConflictingWithItself() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "src/app.txt", WaveFixture.APP.replace("line 2", "line 2 by A"));
        f.submit(a);
        f.write(b, "src/b.txt", "B\n");
        f.submit(b);
        f.integrate("--wave", "45", "--squash").expect(0);
        f.write(a, "src/app.txt", WaveFixture.APP.replace("line 2", "line 2 by A").replace("line 3", "line 3 by A"));
        f.submit(a);

        CliRun r = f.integrate("--wave", "45", "--squash").expect(0);

        assertEquals(WaveFixture.APP.replace("line 2", "line 2 by A").replace("line 3", "line 3 by A"),
                f.onMain("src/app.txt"), r.out());
        assertEquals("B\n", f.onMain("src/b.txt"), "the other lane's landing stays");
        assertEquals("lane: integrate lane dimA of wave 45 (squashed)", f.firstParentSubjects().get(0));
    }

    @Test
    void aLaneThatSyncedAfterASquashedLandingIsMergedFromWhatItSyncedNotFromItsLanding() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "src/a.txt", "A\n");
        f.submit(a);
        f.write(b, "src/app.txt", WaveFixture.APP.replace("line 4", "line 4 by B"));
        f.submit(b);
        f.integrate("--wave", "45", "--squash").expect(0);
        f.lane(a, "sync").expect(0);
        f.write(a, "src/a2.txt", "A2\n");
        f.submit(a);
        Path c = f.claim("45", "dimC");
        f.write(c, "src/app.txt", WaveFixture.APP.replace("line 4", "line 4 by B and C"));
        f.submit(c);

        CliRun r = f.integrate("--wave", "45", "--squash", "--order", "dimC").expect(0);

        assertEquals("A2\n", f.onMain("src/a2.txt"), r.out());
        assertEquals(WaveFixture.APP.replace("line 4", "line 4 by B and C"), f.onMain("src/app.txt"));
    }

    @Test
    void aConflictIsNotBlamedOnASquashLandedLaneForWhatItsEarlierLandingChanged() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path x = f.claim("45", "dimX"); // from the same main as dimA's first landing
        f.write(a, "src/app.txt", WaveFixture.APP.replace("line 2", "line 2 by A"));
        f.submit(a);
        f.integrate("--wave", "45", "--squash").expect(0);
        f.write(a, "src/a2.txt", "A2\n");
        f.submit(a);
        f.write(x, "src/app.txt", WaveFixture.APP.replace("line 2", "line 2 by X"));
        f.submit(x);

        CliRun r = f.integrate("--wave", "45", "--squash", "--order", "dimA,dimX").expect(4);

        assertEquals("A2\n", f.onMain("src/a2.txt"));
        assertTrue(r.out().contains("code conflict in src/app.txt (changed on main)"), r.out());
    }

    @Test
    void lanesThatAreClaimedButNotSubmittedAreLeftOutAndNamed() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.claim("45", "idle");
        f.write(a, "src/a.txt", "A\n");
        f.submit(a);

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertTrue(r.out().contains("not submitted (left out): idle"), r.out());
    }
}
