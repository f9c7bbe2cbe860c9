package dev.lane.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.ledger.Ledger;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.support.CliRun;
import dev.lane.support.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Editing, removing or reordering ledger lines by hand breaks the hash chain, and {@code lane ledger --verify} exits
 * 5 naming the first line that no longer follows from the one before it.
 */
class LedgerTamperTest {
    private static final String WAVE = "45";
    private static final int ENTRIES = 8;

    @TempDir
    Path temp;

    private TestRepo repo;
    private Path ledger;
    private List<String> lines;
    /** The 1-based line number of each entry, in order. */
    private final List<Integer> entryLines = new ArrayList<>();

    @BeforeEach
    void writeLedger() throws Exception {
        repo = TestRepo.create(temp);
        ledger = repo.ledger(WAVE);
        Ledger l = new Ledger(ledger);
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        for (int i = 0; i < ENTRIES; i++) {
            l.append(new LedgerEntry(t.plusSeconds(i), LedgerEvent.CLAIMED, WAVE, "lane" + i, "agent" + i,
                    "entry " + i));
        }
        lines = new ArrayList<>(Files.readAllLines(ledger, StandardCharsets.UTF_8));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("| entry ")) {
                entryLines.add(i + 1);
            }
        }
        assertEquals(ENTRIES, entryLines.size());
        CliRun intact = verify();
        assertEquals(0, intact.exitCode(), intact::toString);
        assertTrue(intact.out().contains("intact, " + ENTRIES + " entries"), intact::toString);
    }

    @ParameterizedTest(name = "entry {0}")
    @ValueSource(ints = {0, 3, ENTRIES - 1})
    void editingALineIsReportedAtThatLine(int entry) throws Exception {
        int line = entryLines.get(entry);
        lines.set(line - 1, lines.get(line - 1).replace("| entry " + entry + " |", "| entry " + entry + "! |"));
        rewrite();
        assertBrokenAt(line);
    }

    @Test
    void editingOnlyTheChainCellOfALineIsReportedAtThatLine() throws Exception {
        int line = entryLines.get(2);
        String row = lines.get(line - 1);
        int cell = row.lastIndexOf(" | ", row.length() - 3) + 3;
        char c = row.charAt(cell);
        lines.set(line - 1, row.substring(0, cell) + (c == '0' ? '1' : '0') + row.substring(cell + 1));
        rewrite();
        assertBrokenAt(line);
    }

    @ParameterizedTest(name = "entry {0}")
    @ValueSource(ints = {0, 4})
    void removingALineIsReportedAtTheLineThatNowStandsInItsPlace(int entry) throws Exception {
        int line = entryLines.get(entry);
        lines.remove(line - 1);
        rewrite();
        assertBrokenAt(line);
    }

    @ParameterizedTest(name = "entries {0} and the next")
    @ValueSource(ints = {0, 5, ENTRIES - 2})
    void swappingTwoLinesIsReportedAtTheFirstOfThem(int entry) throws Exception {
        int line = entryLines.get(entry);
        String first = lines.get(line - 1);
        lines.set(line - 1, lines.get(line));
        lines.set(line, first);
        rewrite();
        assertBrokenAt(line);
    }

    @Test
    void aForgedLineInsertedBetweenTwoEntriesIsReportedAtThatLine() throws Exception {
        int line = entryLines.get(3);
        String copy = lines.get(line - 1).replace("agent3", "mallory");
        lines.add(line, copy);
        rewrite();
        assertBrokenAt(line + 1);
    }

    private void assertBrokenAt(int line) throws Exception {
        CliRun text = verify();
        assertEquals(5, text.exitCode(), text::toString);
        assertTrue(text.out().contains("BROKEN at line " + line + " "), () -> "names line " + line + ": " + text);

        CliRun json = repo.lane("ledger", "--verify", "--wave", WAVE, "--json");
        assertEquals(5, json.exitCode(), json::toString);
        JsonNode result = new ObjectMapper().readTree(json.out()).get("ledgers").get(0);
        assertEquals(false, result.get("intact").asBoolean());
        assertEquals(line, result.get("line").asInt(), json::toString);
        assertTheViewWarnsOfLine(line, result.get("reason").asText());
    }

    /**
     * The plain and JSON views still print, with one warning line on stderr naming the line, the reason --verify
     * gives, and --verify.
     */
    private void assertTheViewWarnsOfLine(int line, String reason) throws Exception {
        String warning = "lane: warning: the ledger of wave " + WAVE + " is broken at line " + line + " of " + ledger
                + " (" + reason + ")";
        CliRun view = repo.lane("ledger", "--wave", WAVE).expect(0);
        assertTrue(view.out().contains("  claimed  45 "), view::toString);
        assertEquals(1, view.err().lines().count(), view::toString);
        assertTrue(view.err().startsWith(warning) && view.err().contains("run lane ledger --verify --wave " + WAVE),
                view::toString);

        CliRun json = repo.lane("ledger", "--wave", WAVE, "--json").expect(0);
        for (String jsonLine : json.out().lines().toList()) {
            new ObjectMapper().readTree(jsonLine); // stdout stays JSON lines only
        }
        assertTrue(json.err().startsWith(warning), json::toString);
    }

    @Test
    void anIntactLedgerOrOneWhoseLastLineIsStillBeingWrittenIsShownWithoutWarning() throws Exception {
        assertEquals("", repo.lane("ledger", "--wave", WAVE).expect(0).err());
        Files.writeString(ledger, Files.readString(ledger) + "| 2026-11-20T10:00:09Z | claimed | 45 | lane9",
                StandardCharsets.UTF_8);
        CliRun view = repo.lane("ledger", "--wave", WAVE).expect(0);
        assertEquals("", view.err(), view::toString);
    }

    @Test
    void verifyWithALaneAgentOrEventFilterIsAUsageErrorNotAVerdictOnTheWholeFile() {
        for (String[] filter : new String[][] {{"--lane", "lane1"}, {"--agent", "agent1"}, {"--event", "claimed"}}) {
            CliRun r = repo.lane("ledger", "--verify", "--wave", WAVE, filter[0], filter[1]).expect(2);
            assertTrue(r.err().contains("--verify checks a wave's whole ledger"), r::toString);
            assertEquals("", r.out(), "no verdict is printed for a part of the chain");
        }
    }

    @Test
    void aLedgerOfOneEntrySaysOneEntry() throws Exception {
        Files.writeString(ledger, String.join("\n", lines.subList(0, entryLines.get(0))) + "\n",
                StandardCharsets.UTF_8);
        assertTrue(verify().expect(0).out().contains(": intact, 1 entry ("), verify()::toString);
    }

    private CliRun verify() {
        return repo.lane("ledger", "--verify", "--wave", WAVE);
    }

    private void rewrite() throws Exception {
        Files.writeString(ledger, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
