package dev.lane.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerVerifyTest {

    private static Path ledgerWithThreeEntries(Path dir) {
        Path file = dir.resolve("45/AGENT_LEDGER.md");
        Ledger ledger = new Ledger(file);
        for (String lane : new String[] {"dimA", "dimB", "dimC"}) {
            ledger.append(new LedgerEntry(Instant.parse("2026-11-22T10:00:00Z"), LedgerEvent.CLAIMED, "45", lane,
                    "agent", "detail of " + lane));
        }
        return file;
    }

    @Test
    void anUntouchedLedgerIsIntactWithItsEntryCount(@TempDir Path dir) {
        var v = LedgerReader.verify(ledgerWithThreeEntries(dir));
        assertEquals(3, assertInstanceOf(LedgerReader.Verification.Intact.class, v).entries());
    }

    @Test
    void deletingTheSeparatorRowIsReportedNotMistakenForAnEmptyLedger(@TempDir Path dir) throws Exception {
        Path file = ledgerWithThreeEntries(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(Ledger.SEPARATOR);
        Files.write(file, lines);
        var broken = assertInstanceOf(LedgerReader.Verification.Broken.class, LedgerReader.verify(file));
        assertEquals(6, broken.line());
    }

    @Test
    void aLineRemovedFromTheMiddleIsReportedAtTheLineThatNoLongerFollows(@TempDir Path dir) throws Exception {
        Path file = ledgerWithThreeEntries(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(7); // the second entry (line 8)
        Files.write(file, lines);
        var broken = assertInstanceOf(LedgerReader.Verification.Broken.class, LedgerReader.verify(file));
        assertEquals(8, broken.line());
        assertEquals(1, broken.intactEntriesBefore());
    }

    @Test
    void aRowCutShortByACrashWithEntriesAfterItIsNotBlamedOnAHandEditAlone(@TempDir Path dir) throws Exception {
        Path file = ledgerWithThreeEntries(dir);
        Files.writeString(file, "| 2026-11-22T10:00:01Z | submitted | 45 | di", java.nio.file.StandardOpenOption.APPEND);
        new Ledger(file).append(new LedgerEntry(Instant.parse("2026-11-22T10:00:02Z"), LedgerEvent.CLAIMED, "45",
                "dimD", "agent", "after the torn row"));

        var broken = assertInstanceOf(LedgerReader.Verification.Broken.class, LedgerReader.verify(file));

        assertEquals(10, broken.line());
        assertEquals(3, broken.intactEntriesBefore());
        org.junit.jupiter.api.Assertions.assertTrue(broken.reason().contains("a row cut short by a writer that died "
                + "mid-line"), broken.reason());
    }
}
