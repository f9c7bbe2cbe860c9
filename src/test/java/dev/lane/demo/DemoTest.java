package dev.lane.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import dev.lane.support.Git;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, end to end: 18 agents as separate processes, two integrate passes. */
class DemoTest {

    @Test
    void theDemoWaveLandsEveryLaneWithOneBumpAndTheClashingLaneAfterItFixesItself(@TempDir Path tmp) {
        StringWriter text = new StringWriter();
        int code = new Demo(tmp, new PrintWriter(text, true)).run();
        String out = text.toString();

        assertEquals(0, code, out);
        assertTrue(out.contains("Wave 45: 17 integrated, 1 parked, 0 already integrated"), out);
        boolean cell3Parked = out.contains("PARKED cell3:");
        assertTrue(cell3Parked || out.contains("PARKED dimF:"), "the later of the two lanes using 262 is parked\n" + out);
        assertTrue(out.contains("Wave 45: 1 integrated, 0 parked, 17 already integrated"), out);
        assertTrue(out.contains("wave 45: 18 lanes (18 integrated)"), out);
        assertTrue(out.contains("wave 45: intact"), out);

        Path repo = tmp.resolve("jpcite");
        List<String> manifest = Git.ok(repo, "show", "main:scripts/migrations/autonomath_boot_manifest.txt")
                .lines().toList();
        assertEquals(List.of("001_init.sql", "049_provenance_strengthen.sql", "075_am_amendment_diff.sql",
                "090_law_article_body_en.sql", "115_source_manifest_view.sql",
                "121_jpi_programs_subsidy_rate_text_column.sql", "252_law_jorei_pref.sql",
                "255_enforcement_municipality.sql", "259_court_decisions_extended.sql", "260_vec_e5.sql",
                "261_legal_chain_v2.sql", cell3Parked ? "262_subsidy_rate_history.sql" : "262_realtime_cache.sql",
                "263_realtime_signal.sql", cell3Parked ? "264_realtime_cache.sql" : "264_subsidy_rate_history.sql"),
                manifest);
        assertTrue(Git.ok(repo, "show", "main:pyproject.toml").contains("version = \"0.4.0\""));
        String serverJson = Git.ok(repo, "show", "main:server.json");
        assertTrue(serverJson.contains("\"version\": \"0.4.0\""), serverJson);
        assertFalse(serverJson.contains("0.3.5"), "the PyPI package's copy of the version moved too: " + serverJson);
        String workflow = Git.ok(repo, "show", "main:.github/workflows/deploy.yml");
        assertTrue(workflow.contains("cancel-in-progress: true") && workflow.contains("if: github.event_name"),
                "both workflow edits landed:\n" + workflow);
        List<String> firstParent = Git.ok(repo, "log", "--first-parent", "--format=%s", "main").lines().toList();
        assertEquals(18 + 2 + 1, firstParent.size(), "18 lane merges, 2 shared-file commits, the initial commit");
    }

    @Test
    void demoRefusesJsonAndRepoWithExit2AndRunsNothing(@TempDir Path tmp) {
        Path dir = tmp.resolve("demo");
        for (List<String> args : List.of(List.of("demo", "--json", "--dir", dir.toString()),
                List.of("--json", "demo", "--dir", dir.toString()))) {
            CliRun r = CliRun.run(tmp, args.toArray(String[]::new)).expect(2);
            assertTrue(r.err().contains("lane demo has no JSON output"), r::toString);
            assertTrue(r.out().startsWith("{") && r.out().contains("\"exitCode\" : 2"),
                    "with --json stdout holds only the JSON error, no walk-through text:\n" + r);
        }
        for (List<String> args : List.of(List.of("demo", "--repo", tmp.toString(), "--dir", dir.toString()),
                List.of("--repo", tmp.toString(), "demo", "--dir", dir.toString()))) {
            CliRun r = CliRun.run(tmp, args.toArray(String[]::new)).expect(2);
            assertTrue(r.err().contains("lane demo makes its own repository and takes no --repo"), r::toString);
            assertEquals("", r.out());
        }
        assertFalse(Files.exists(dir), "no demo folder was made");
    }
}
