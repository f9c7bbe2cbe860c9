package dev.lane.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.JvmProcess;
import dev.lane.support.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wave kept for months has a ledger of tens of thousands of entries. Showing it, as a table or as JSON lines, and
 * verifying it must not need memory that grows with the file: each command runs here in a JVM whose heap is far
 * smaller than the whole ledger held as text, rows and a rendered table.
 */
class BigLedgerViewTest {
    private static final String WAVE = "long";
    private static final int ENTRIES = 20_000;
    private static final String SMALL_HEAP = "-Xmx8m";

    @TempDir
    Path temp;

    private TestRepo repo;

    @BeforeEach
    void writeABigLedger() {
        repo = TestRepo.create(temp);
        Ledger ledger = new Ledger(repo.ledger(WAVE));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<LedgerEntry> block = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            block.add(new LedgerEntry(t.plusSeconds(i), i % 2 == 0 ? LedgerEvent.CLAIMED : LedgerEvent.SUBMITTED,
                    WAVE, "lane" + (i % 300), "agent" + (i % 17), "entry " + i + " with a detail of a usual length"));
            if (block.size() == 1_000) {
                ledger.append(block);
                block.clear();
            }
        }
    }

    private JvmProcess.Result laneInASmallHeap(String name, String... args) {
        return JvmProcess.lane(args).in(repo.root()).jvmOption(SMALL_HEAP).logs(temp.resolve("logs")).name(name)
                .start().await(Duration.ofMinutes(2));
    }

    @Test
    void aLedgerOfTwentyThousandEntriesIsShownAsATableInASmallHeap() {
        JvmProcess.Result r = laneInASmallHeap("table", "ledger", "--wave", WAVE);
        assertEquals(0, r.exitCode(), () -> r.name() + " exit " + r.exitCode() + ": " + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(ENTRIES + 2, lines.size(), "a header, a rule and one row per entry");
        assertTrue(lines.get(2).contains("entry 0 with a detail"), lines.get(2));
        assertTrue(lines.get(lines.size() - 1).contains("entry " + (ENTRIES - 1) + " with a detail"));
        assertEquals(lines.get(0).indexOf("DETAIL"), lines.get(lines.size() - 1).indexOf("entry "),
                "the last row is aligned with the header like the first");
    }

    @Test
    void aLedgerOfTwentyThousandEntriesIsShownAsJsonLinesInASmallHeap() {
        JvmProcess.Result r = laneInASmallHeap("json", "ledger", "--wave", WAVE, "--json");
        assertEquals(0, r.exitCode(), () -> r.name() + " exit " + r.exitCode() + ": " + r.err());
        assertEquals(ENTRIES, r.out().lines().count());
    }

    @Test
    void aLedgerOfTwentyThousandEntriesIsVerifiedInASmallHeap() {
        JvmProcess.Result r = laneInASmallHeap("verify", "ledger", "--verify", "--wave", WAVE);
        assertEquals(0, r.exitCode(), () -> r.name() + " exit " + r.exitCode() + ": " + r.err());
        assertTrue(r.out().contains("intact, " + ENTRIES + " entries"), r.out());
    }

    @Test
    void aWaveWithTwentyThousandLedgerEntriesShowsItsStatusInASmallHeap() {
        JvmProcess.Result r = laneInASmallHeap("status", "status", "--wave", WAVE);
        assertEquals(0, r.exitCode(), () -> r.name() + " exit " + r.exitCode() + ": " + r.err());
        assertTrue(r.out().startsWith("wave " + WAVE + ":"), r.out());
    }
}
