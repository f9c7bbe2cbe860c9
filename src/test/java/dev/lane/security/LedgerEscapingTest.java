package dev.lane.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.ledger.Ledger;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.ledger.LedgerReader.Recorded;
import dev.lane.ledger.LedgerReader.Verification;
import dev.lane.support.CliRun;
import dev.lane.support.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No field text can add a row to the ledger or break its table: whatever goes into a field comes back out of it
 * exactly, one entry is always one line, and the chain stays intact.
 */
class LedgerEscapingTest {
    private static final String WAVE = "45";
    private static final String FORGED_ROW = "| 2026-01-01T00:00:00Z | claimed | 45 | dimA | mallory | forged | "
            + "000000000000 |";

    /** Field values that would break a naive Markdown table or forge a row. */
    static final List<String> HOSTILE = List.of(
            "a | b",
            "|",
            "line one\nline two",
            "cr\rlf\r\n",
            "back\\slash",
            "ends with a backslash\\",
            "\\|",
            "\\n is not a newline",
            "\\u0041 is not an A",
            "bell\u0007 escape\u001b[31m red nul\u0000 del\u007f",
            "separators\u2028\u2029\u0085",
            "tab\there",
            "x |\n" + FORGED_ROW,
            FORGED_ROW,
            "\n" + FORGED_ROW + "\n",
            "|------|-------|------|------|-------|--------|-------|",
            "  leading and trailing spaces  ",
            "",
            "emoji \uD83D\uDE00 and kanji 漢字");

    @TempDir
    Path temp;

    @Test
    void hostileFieldTextNeitherForgesRowsNorBreaksTheTableAndRoundTripsExactly() throws Exception {
        TestRepo repo = TestRepo.create(temp);
        Path ledger = repo.ledger(WAVE);
        List<LedgerEntry> written = new ArrayList<>();
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        for (String v : HOSTILE) {
            written.add(new LedgerEntry(t, LedgerEvent.SUBMITTED, WAVE, "dimA", "agent", v));
            written.add(new LedgerEntry(t, LedgerEvent.SUBMITTED, WAVE, v, v, "in lane and agent"));
        }
        written.add(new LedgerEntry(t, LedgerEvent.SUBMITTED, String.join("", HOSTILE), "dimA", "agent", "wave"));
        for (LedgerEntry e : written) {
            new Ledger(ledger).append(e);
        }

        String text = Files.readString(ledger, StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(text.split("\n", -1));
        int separator = 0;
        while (!lines.get(separator).startsWith("|------|")) {
            separator++;
        }
        List<String> rows = lines.subList(separator + 1, lines.size() - 1);
        assertEquals("", lines.get(lines.size() - 1), "the file ends with a newline");
        assertEquals(written.size(), rows.size(), "exactly one line per entry: no field added a row");
        for (String row : rows) {
            assertTrue(row.startsWith("| ") && row.endsWith(" |"), () -> "not a table row: " + row);
            assertTrue(row.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029),
                    () -> "a raw control or separator character is in the file: " + row);
            assertEquals(8, unescapedPipes(row), () -> "exactly 7 cells: " + row);
        }

        List<Recorded> read = LedgerReader.read(ledger);
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            LedgerEntry w = written.get(i);
            LedgerEntry r = read.get(i).entry();
            assertEquals(w.wave(), r.wave());
            assertEquals(w.lane(), r.lane());
            assertEquals(w.agent(), r.agent());
            assertEquals(w.detail(), r.detail());
            assertEquals(w.event(), r.event());
        }
        assertEquals(new Verification.Intact(written.size()), LedgerReader.verify(ledger));

        CliRun json = repo.lane("ledger", "--wave", WAVE, "--json");
        assertEquals(0, json.exitCode(), json::toString);
        List<String> jsonLines = json.out().lines().toList();
        assertEquals(written.size(), jsonLines.size(), "one JSON line per entry");
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < written.size(); i++) {
            JsonNode n = mapper.readTree(jsonLines.get(i));
            assertEquals(written.get(i).detail(), n.get("detail").asText());
            assertEquals(written.get(i).agent(), n.get("agent").asText());
        }

        CliRun human = repo.lane("ledger", "--wave", WAVE);
        assertEquals(0, human.exitCode(), human::toString);
        assertEquals(written.size() + 2, human.out().split("\n", -1).length - 1,
                () -> "the human view shows one line per entry (plus header and rule):\n" + human.out());
        assertTrue(human.out().chars().noneMatch(c -> c < 0x20 && c != '\n' || c == 0x7f),
                "no raw control character (terminal escape) reaches the human view");
    }

    /** Pipes that end a cell: those not preceded by an escaping backslash. */
    private static int unescapedPipes(String row) {
        int n = 0;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                n++;
            }
        }
        return n;
    }
}
