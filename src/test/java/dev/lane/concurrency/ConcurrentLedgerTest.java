package dev.lane.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.ledger.LedgerReader;
import dev.lane.ledger.LedgerReader.Recorded;
import dev.lane.ledger.LedgerReader.Verification;
import dev.lane.support.CliRun;
import dev.lane.support.JvmProcess;
import dev.lane.support.StartGate;
import dev.lane.support.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many processes appending to one wave ledger at once: nothing lost, torn, interleaved or out of chain. */
class ConcurrentLedgerTest {
    private static final int WRITERS = 64;
    private static final int APPENDS = 200;
    private static final Pattern ROW = Pattern.compile("\\| .* \\|");

    @TempDir
    Path temp;

    @Test
    void sixtyFourProcessesAppendingTwoHundredEntriesEachGiveTwelveThousandEightHundredIntactChainedRows()
            throws Exception {
        TestRepo repo = TestRepo.create(temp);
        String wave = "47";
        Path ledger = repo.ledger(wave);
        List<JvmProcess> children = new ArrayList<>();
        List<JvmProcess.Result> results;
        try (StartGate gate = StartGate.closed(temp.resolve("gate"))) {
            for (int w = 0; w < WRITERS; w++) {
                children.add(JvmProcess.java(LedgerAppenderMain.class, ledger.toString(), wave, String.valueOf(w),
                        String.valueOf(APPENDS)).name("writer-" + w).logs(temp.resolve("logs")).gate(gate).start());
            }
            gate.awaitArrivals(WRITERS, children, Duration.ofMinutes(3));
            gate.open();
            results = JvmProcess.awaitAll(children, Duration.ofMinutes(3));
        } finally {
            JvmProcess.killAll(children);
        }
        for (JvmProcess.Result r : results) {
            assertEquals(0, r.exitCode(), r::toString);
        }

        String text = Files.readString(ledger, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "the ledger ends with a complete line");
        List<String> lines = Arrays.asList(text.split("\n"));
        int separator = lines.indexOf(lines.stream().filter(l -> l.startsWith("|------|")).findFirst().orElseThrow());
        List<String> rows = lines.subList(separator + 1, lines.size());
        assertEquals(WRITERS * APPENDS, rows.size(), "one line per append, no more, no less");
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            int lineNumber = separator + 2 + i;
            assertTrue(ROW.matcher(row).matches(), () -> "line " + lineNumber + " is not a table row: " + row);
        }

        List<Recorded> entries = LedgerReader.read(ledger);
        assertEquals(WRITERS * APPENDS, entries.size(), "every line parses back into an entry");
        Set<String> expected = new HashSet<>();
        for (int w = 0; w < WRITERS; w++) {
            for (int i = 0; i < APPENDS; i++) {
                expected.add(LedgerAppenderMain.detail(w, i));
            }
        }
        Set<String> found = new HashSet<>();
        int[] next = new int[WRITERS];
        for (Recorded r : entries) {
            String detail = r.entry().detail();
            assertTrue(found.add(detail), () -> "duplicate entry at line " + r.line() + ": " + detail);
            int w = Integer.parseInt(r.entry().agent().substring("writer-".length()));
            assertEquals(LedgerAppenderMain.detail(w, next[w]), detail,
                    "each writer's entries appear in the order it appended them");
            assertEquals("lane" + w, r.entry().lane());
            next[w]++;
        }
        assertEquals(expected, found, "all 12,800 distinct payloads are present, fields intact");

        assertEquals(new Verification.Intact(WRITERS * APPENDS), LedgerReader.verify(ledger));
        CliRun verify = repo.lane("ledger", "--verify", "--wave", wave);
        assertEquals(0, verify.exitCode(), verify::toString);
        assertTrue(verify.out().contains("intact, 12800 entries"), verify::toString);
    }
}
