package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.support.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at every step of a pass (the LANE_CRASH_AT test hook halts a separate JVM there), then integrate again:
 * main is always either untouched or fully moved, and the rerun ends with exactly the tree of a run that never
 * crashed: no manifest entry doubled, no second bump, every workflow edit once; and with the records of such a run:
 * main's one move has its one {@code main-moved} entry, each landed lane reads integrated, nothing recorded twice.
 */
class IntegrateCrashTest {
    @TempDir
    Path tmp;

    @Test
    void aCrashAtEveryStepLeavesMainUntouchedOrFullyMovedAndARerunEndsWithTheSameTreeAndTheSameRecords() throws Exception {
        WaveFixture template = WaveFixture.create(tmp.resolve("template"));
        Path a = template.claim("45", "dimA");
        Path b = template.claim("45", "dimB");
        Path c = template.claim("45", "dimC");
        template.write(a, "scripts/migrations/260_vec_e5.sql", "-- 260\n");
        template.write(a, ".github/workflows/deploy.yml", WaveFixture.DEPLOY.replace("make smoke", "make smoke-all"));
        template.write(a, "src/app.txt", WaveFixture.APP.replace("line 2", "line 2 by A"));
        template.submit(a, "--bump", "minor");
        template.write(b, "scripts/migrations/261_legal_chain_v2.sql", "-- 261\n");
        template.write(b, ".github/workflows/deploy.yml", WaveFixture.DEPLOY.replace("make build", "make build-all"));
        template.submit(b, "--bump", "patch");
        template.write(c, "src/app.txt", WaveFixture.APP.replace("line 2", "line 2 by C"));
        template.submit(c);
        String base = template.mainHead();

        WaveFixture reference = copy(template, "reference");
        reference.integrate("--wave", "45").expect(4);
        String referenceTree = reference.mainTree();
        List<JsonNode> referenceLedger = ledger(reference);
        assertTrue(reference.onMain(WaveFixture.MANIFEST).endsWith("252_law_jorei_pref.sql\n260_vec_e5.sql\n"
                + "261_legal_chain_v2.sql\n"));

        List<String> report = new ArrayList<>();
        for (Step step : Step.values()) {
            WaveFixture run = copy(template, step.label());
            run.integrateKilledAt(step, "45");
            assertEquals(0, Git.run(run.repo, "diff-index", "--cached", "--quiet", "HEAD", "--").exitCode(),
                    "right after a crash at " + step.label() + " the main checkout's HEAD names what its index holds");
            String afterCrash = run.mainHead();
            boolean untouched = afterCrash.equals(base);
            assertTrue(untouched || run.mainTree().equals(referenceTree),
                    "after a crash at " + step.label() + " main is untouched or fully moved");
            report.add(step.label() + ": main " + (untouched ? "untouched" : "moved"));
            if (!untouched) {
                assertTrue(statusTellsTheTruthAfterMainMoved(run), () -> "after a crash at " + step.label()
                        + ", lane status shows the lanes that landed as integrated or the pass as stopped unfinished:\n"
                        + run.lane(run.repo, "status", "--wave", "45"));
            }

            run.integrate("--wave", "45").expect(4);

            assertEquals(referenceTree, run.mainTree(), "final tree after a crash at " + step.label());
            assertEquals("", run.git(run.repo, "status", "--porcelain", "--untracked-files=no"),
                    "main checkout up to date after a crash at " + step.label());
            assertEquals("refs/heads/main", run.git(run.repo, "symbolic-ref", "HEAD").strip(),
                    "main checkout still on main after a crash at " + step.label());
            assertEquals(run.mainHead(), run.git(run.repo, "rev-parse", "HEAD").strip());
            String bumps = run.git(run.repo, "log", "--format=%s", "refs/heads/main", "--", "pyproject.toml");
            assertEquals(2, bumps.lines().count(), "initial + one bump commit: " + bumps);
            theRecordsAreThoseOfARunThatNeverCrashed(run, step, base, referenceLedger);
        }
        assertEquals(Step.values().length, report.size(), String.join("\n", report));
        assertTrue(report.contains("locked: main untouched") && report.contains("main-moved: main moved"),
                String.join("\n", report));
    }

    /**
     * After the rerun the wave's records are those an uncrashed pass leaves: exactly one {@code main-moved} (the move
     * from the base, with the same counts and version as the reference run's), each landed lane (dimA, dimB) read
     * {@code integrated} once in the ledger, with the reference's detail, and in its outcome.json and lane status; no
     * pass records a lane twice. A move recorded by the rerun for a pass that stopped after it says it was logged late.
     */
    private static void theRecordsAreThoseOfARunThatNeverCrashed(WaveFixture run, Step step, String base,
                                                                 List<JsonNode> reference) throws Exception {
        String at = "after a crash at " + step.label() + " and a rerun: ";
        List<JsonNode> entries = ledger(run);
        String all = entries.stream().map(e -> e.get("event").asText() + " " + e.get("lane").asText() + " "
                + e.get("agent").asText() + " " + e.get("detail").asText()).collect(Collectors.joining("\n"));
        List<JsonNode> moves = ofEvent(entries, "main-moved");
        assertEquals(1, moves.size(), at + "one main-moved entry records main's one move:\n" + all);
        String moved = moves.get(0).get("detail").asText();
        assertTrue(moved.startsWith(base.substring(0, 12) + " -> " + run.mainHead().substring(0, 12) + ", "),
                at + "the move from the base to main's commit: " + moved);
        String referenceMove = ofEvent(reference, "main-moved").get(0).get("detail").asText();
        // after "<12 hex> -> <12 hex>": the counts and the version, as in the uncrashed run
        assertTrue(moved.substring(moved.indexOf(", ")).startsWith(referenceMove.substring(referenceMove.indexOf(", "))),
                at + moved + " vs " + referenceMove);
        boolean late = step.compareTo(Step.MAIN_MOVED) >= 0 && step.compareTo(Step.OUTCOMES_WRITTEN) <= 0;
        assertEquals(late, moved.contains("; logged late"), at + "marked as logged late only then: " + moved);
        for (String lane : List.of("dimA", "dimB")) {
            List<JsonNode> integrated = ofEvent(entries, "integrated").stream()
                    .filter(e -> e.get("lane").asText().equals(lane)).toList();
            assertEquals(1, integrated.size(), at + lane + " is recorded integrated once:\n" + all);
            String expected = ofEvent(reference, "integrated").stream().filter(e -> e.get("lane").asText().equals(lane))
                    .findFirst().orElseThrow().get("detail").asText();
            assertEquals(withoutCommits(expected), withoutCommits(integrated.get(0).get("detail").asText()),
                    at + lane + "'s integrated entry keeps its detail");
            JsonNode outcome = new ObjectMapper().readTree(run.read(run.repo,
                    "tools/offline/_inbox/45/" + lane + "/outcome.json"));
            assertEquals("integrated", outcome.get("status").asText(), at + lane + "'s outcome.json: " + outcome);
        }
        JsonNode lanes = new ObjectMapper().readTree(run.lane(run.repo, "status", "--wave", "45", "--json").expect(0)
                .out()).get("waves").get(0).get("lanes");
        Map<String, String> states = new TreeMap<>();
        lanes.forEach(l -> states.put(l.get("lane").asText(), l.get("state").asText()));
        assertEquals("integrated", states.get("dimA"), at + "lane status: " + states);
        assertEquals("integrated", states.get("dimB"), at + "lane status: " + states);
        Set<String> inThisPass = new HashSet<>();
        for (JsonNode e : entries) {
            if (e.get("event").asText().equals("integrate-started")) {
                inThisPass.clear();
            } else if (!e.get("lane").asText().isEmpty()) {
                assertTrue(inThisPass.add(e.get("event").asText() + " " + e.get("lane").asText()),
                        at + "no pass records a lane twice:\n" + all);
            }
        }
        assertFalse(Files.exists(run.repo.resolve("tools/offline/_inbox/45/.integrate-pass.json")),
                at + "the pass record is gone once recorded");
    }

    private static List<JsonNode> ledger(WaveFixture run) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : run.lane(run.repo, "ledger", "--wave", "45", "--json").expect(0).out().split("\n")) {
            if (!line.isBlank()) {
                entries.add(new ObjectMapper().readTree(line));
            }
        }
        return entries;
    }

    private static List<JsonNode> ofEvent(List<JsonNode> entries, String event) {
        return entries.stream().filter(e -> e.get("event").asText().equals(event)).toList();
    }

    /** An integrated entry's detail without the landed commit's name (each run builds its own commits). */
    private static String withoutCommits(String detail) {
        return detail.replaceAll("landed as [0-9a-f]{12}", "landed as C");
    }

    /**
     * Once main moved, the operator must not read the lanes that landed as merely submitted with no word that the pass
     * did not finish: either every landed lane (dimA, dimB) reads integrated, or the pass shows as stopped unfinished.
     */
    private static boolean statusTellsTheTruthAfterMainMoved(WaveFixture run) throws Exception {
        JsonNode wave = new ObjectMapper().readTree(run.lane(run.repo, "status", "--wave", "45", "--json").expect(0)
                .out()).get("waves").get(0);
        JsonNode pass = wave.get("integrate");
        if (!pass.isNull() && pass.get("state").asText().equals("stopped")) {
            return true;
        }
        for (JsonNode lane : wave.get("lanes")) {
            String name = lane.get("lane").asText();
            if ((name.equals("dimA") || name.equals("dimB")) && !lane.get("state").asText().equals("integrated")) {
                return false;
            }
        }
        return true;
    }

    private static WaveFixture copy(WaveFixture template, String name) throws IOException, InterruptedException {
        Path target = template.root.getParent().resolve("run-" + name);
        Files.createDirectories(target);
        Process p = new ProcessBuilder("cp", "-a", template.repo.toString(), target.resolve("repo").toString())
                .inheritIO().start();
        assertEquals(0, p.waitFor());
        return WaveFixture.at(target);
    }
}
