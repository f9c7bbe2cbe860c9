package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pass killed right after moving main leaves its pass record ({@code <inbox>/<wave>/.integrate-pass.json}): a dry run
 * only says the next pass will record the move, and a pass record that cannot be read stops the next pass with a
 * clear error and no change, never a guess.
 */
class StoppedPassRecordTest {
    @TempDir
    Path tmp;

    @Test
    void aDryRunAfterAPassStoppedOnceMainMovedKeepsItsRecordAndTheNextRealPassRecordsTheMoveLate() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", "src/a.txt", "A\n", "--bump", "minor");
        String base = f.mainHead();
        f.integrateKilledAt(Step.MAIN_MOVED, "45");
        String moved = f.mainHead();
        Path record = f.repo.resolve("tools/offline/_inbox/45/.integrate-pass.json");
        Path ledger = f.repo.resolve("tools/offline/_inbox/45/AGENT_LEDGER.md");
        byte[] recordBefore = Files.readAllBytes(record);
        byte[] ledgerBefore = Files.readAllBytes(ledger);

        CliRun dry = f.integrate("--wave", "45", "--dry-run").expect(0);

        assertTrue(dry.err().contains("moved main " + base.substring(0, 12) + " -> " + moved.substring(0, 12)
                + " and stopped before recording it; the next integrate (not a dry run) records it first"), dry.err());
        assertArrayEquals(recordBefore, Files.readAllBytes(record), "a dry run leaves the pass record as it is");
        assertArrayEquals(ledgerBefore, Files.readAllBytes(ledger), "a dry run writes no ledger entry");

        CliRun real = f.integrate("--wave", "45").expect(0);

        assertTrue(real.err().contains("recorded the pass of agent crashing-integrator"), real.err());
        assertFalse(Files.exists(record), "the pass record is gone once recorded");
        List<String> moves = f.lane(f.repo, "ledger", "--wave", "45", "--event", "main-moved", "--json").expect(0)
                .out().lines().toList();
        assertEquals(1, moves.size(), String.join("\n", moves));
        JsonNode move = new ObjectMapper().readTree(moves.get(0));
        assertEquals("crashing-integrator", move.get("agent").asText(), "the move is the stopped pass's");
        assertTrue(move.get("detail").asText().startsWith(base.substring(0, 12) + " -> " + moved.substring(0, 12)
                + ", 1 integrated, 0 parked, version 0.3.5 -> 0.4.0; logged late: the pass that moved main (started "),
                move.toString());
        JsonNode outcome = new ObjectMapper().readTree(f.read(f.repo, "tools/offline/_inbox/45/dimA/outcome.json"));
        assertEquals("integrated", outcome.get("status").asText(), outcome.toString());
        assertEquals(moved, outcome.get("mainAfter").asText());
    }

    @Test
    void anUnreadablePassRecordStopsTheNextPassWithExitFiveNamingTheFileAndChangesNothing() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        f.integrateKilledAt(Step.MAIN_MOVED, "45");
        String moved = f.mainHead();
        Path record = f.repo.resolve("tools/offline/_inbox/45/.integrate-pass.json");
        Path ledger = f.repo.resolve("tools/offline/_inbox/45/AGENT_LEDGER.md");
        Files.writeString(record, "{\"wave\": \"45\", \"agent\": "); // cut short, say by a full disk
        byte[] ledgerBefore = Files.readAllBytes(ledger);

        for (String[] args : List.of(new String[] {"--wave", "45"}, new String[] {"--wave", "45", "--dry-run"})) {
            CliRun refused = f.integrate(args).expect(5);
            assertTrue(refused.err().startsWith("lane: " + record + " is damaged (not the JSON lane wrote): "),
                    refused.err());
            assertTrue(refused.err().contains("Nothing was changed. Compare lane ledger --wave 45 --event main-moved "
                    + "with git log --first-parent of main to see whether that pass moved main, then delete " + record
                    + " and run integrate again"), refused.err());
            assertFalse(refused.err().contains("\tat "), "no stack trace: " + refused.err());
            assertEquals("{\"wave\": \"45\", \"agent\": ", Files.readString(record), "the record is left as it is");
            assertArrayEquals(ledgerBefore, Files.readAllBytes(ledger), "no ledger entry: not even integrate-started");
            assertEquals(moved, f.mainHead(), "main did not move");
            assertFalse(Files.exists(f.repo.resolve("tools/offline/_inbox/45/dimA/outcome.json")));
        }

        Files.delete(record); // as the error says, once the operator has looked
        f.integrate("--wave", "45").expect(0);
        JsonNode outcome = new ObjectMapper().readTree(f.read(f.repo, "tools/offline/_inbox/45/dimA/outcome.json"));
        assertEquals("already-integrated", outcome.get("status").asText(), outcome.toString());
    }
}
