package dev.lane.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An append reads only the end of the ledger; long rows and big ledgers must still chain correctly. */
class LedgerTailTest {
    private static LedgerEntry entry(String detail) {
        return new LedgerEntry(Instant.parse("2026-11-22T11:04:20Z"), LedgerEvent.SUBMITTED, "45", "dimA", "agent",
                detail);
    }

    @Test
    void entriesAfterRowsLongerThanTheFirstLookStillChain(@TempDir Path dir) {
        Ledger ledger = new Ledger(dir.resolve("AGENT_LEDGER.md"));
        for (int i = 0; i < 50; i++) {
            ledger.append(entry("short " + i));
        }
        ledger.append(entry("x".repeat(10_000)));      // longer than the first 4 KiB looked at
        ledger.append(entry("é|\n".repeat(5_000)));    // escaped, multi-byte, longer still
        for (int i = 0; i < 50; i++) {
            ledger.append(entry("after " + i));
        }
        assertEquals(new LedgerReader.Verification.Intact(102), LedgerReader.verify(ledger.file()));
    }
}
