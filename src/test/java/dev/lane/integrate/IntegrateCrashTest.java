package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.support.Git;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at every step of a pass (the LANE_CRASH_AT test hook halts a separate JVM there), then integrate again:
 * main is always either untouched or fully moved, and the rerun ends with exactly the tree of a run that never
 * crashed: no manifest entry doubled, no second bump, every workflow edit once.
 */
class IntegrateCrashTest {
    @TempDir
    Path tmp;

    @Test
    void aCrashAtEveryStepLeavesMainUntouchedOrFullyMovedAndARerunEndsWithTheSameTree() throws Exception {
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
        }
        assertEquals(Step.values().length, report.size(), String.join("\n", report));
        assertTrue(report.contains("locked: main untouched") && report.contains("main-moved: main moved"),
                String.join("\n", report));
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
        java.nio.file.Files.createDirectories(target);
        Process p = new ProcessBuilder("cp", "-a", template.repo.toString(), target.resolve("repo").toString())
                .inheritIO().start();
        assertEquals(0, p.waitFor());
        return WaveFixture.at(target);
    }
}
