package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every integrate pass that ends leaves a closing ledger entry after its {@code integrate-started}, so that a start
 * with nothing after it means a pass that died (or is still running), never one that merely had nothing to land.
 */
class IntegratePassClosingTest {
    @TempDir
    Path tmp;

    /** The ledger's entries of the wave, oldest first, as "event detail". */
    private static List<JsonNode> ledger(WaveFixture f, String wave) throws Exception {
        CliRun r = f.lane(f.repo, "ledger", "--wave", wave, "--json").expect(0);
        List<JsonNode> entries = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                entries.add(Json.mapper().readTree(line));
            }
        }
        return entries;
    }

    private static List<String> eventsAfterLastStart(List<JsonNode> entries) {
        int start = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).get("event").asText().equals("integrate-started")) {
                start = i;
            }
        }
        assertTrue(start >= 0, "no integrate-started in " + entries);
        return entries.subList(start + 1, entries.size()).stream().map(e -> e.get("event").asText()).toList();
    }

    @Test
    void aPassWithOnlyUnsubmittedLanesIsClosedByIntegrateFinishedSayingNothingLanded() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.claim("8", "only");
        String main = f.mainHead();

        f.integrate("--wave", "8").expect(0);

        List<JsonNode> entries = ledger(f, "8");
        assertEquals(List.of("integrate-finished"), eventsAfterLastStart(entries));
        assertEquals("main unchanged at " + main.substring(0, 12) + ", nothing landed: 0 parked, 0 already "
                + "integrated, 1 not submitted", entries.get(entries.size() - 1).get("detail").asText());
        assertEquals(main, f.mainHead());
    }

    @Test
    void aPassThatParksEveryLaneIsClosedByIntegrateFinishedCountingTheParked() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.write(a, "src/app.txt", WaveFixture.APP.replace("line 3", "line 3 by A"));
        f.submit(a);
        f.write(f.repo, "src/app.txt", WaveFixture.APP.replace("line 3", "line 3 on main"));
        f.git(f.repo, "commit", "-q", "-am", "main edits app");

        f.integrate("--wave", "45").expect(4);

        List<JsonNode> entries = ledger(f, "45");
        assertEquals(List.of("parked", "integrate-finished"), eventsAfterLastStart(entries));
        assertTrue(entries.get(entries.size() - 1).get("detail").asText().endsWith("nothing landed: 1 parked, 0 "
                + "already integrated, 0 not submitted"), entries.toString());
    }

    @Test
    void aSecondPassWithEverythingAlreadyOnMainIsClosedByIntegrateFinished() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        f.integrate("--wave", "45").expect(0);
        assertEquals(List.of("integrated", "main-moved"), eventsAfterLastStart(ledger(f, "45")));

        f.integrate("--wave", "45").expect(0);

        List<JsonNode> entries = ledger(f, "45");
        assertEquals(List.of("already-integrated", "integrate-finished"), eventsAfterLastStart(entries));
        assertTrue(entries.get(entries.size() - 1).get("detail").asText().endsWith("nothing landed: 0 parked, 1 "
                + "already integrated, 0 not submitted"), entries.toString());
        CliRun verify = f.lane(f.repo, "ledger", "--verify", "--wave", "45").expect(0);
        assertTrue(verify.out().contains("intact"), verify.out());
    }

    @Test
    void aRefusedPassIsClosedByIntegrateRefusedWithTheReason() throws Exception {
        WaveFixture f = WaveFixture.refusedForAMissingMigration(tmp, "090_law_article_body_en.sql");

        f.integrate("--wave", "45").expect(5);

        List<JsonNode> entries = ledger(f, "45");
        assertEquals(List.of("integrate-refused"), eventsAfterLastStart(entries));
        assertTrue(entries.get(entries.size() - 1).get("detail").asText()
                .contains("lacks required migration 090_law_article_body_en.sql"), entries.toString());
    }

    @Test
    void aDryRunWritesNothingToTheLedger() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        int before = ledger(f, "45").size();

        f.integrate("--wave", "45", "--dry-run").expect(0);

        assertEquals(before, ledger(f, "45").size());
    }
}
