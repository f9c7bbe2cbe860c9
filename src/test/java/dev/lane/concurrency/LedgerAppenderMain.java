package dev.lane.concurrency;

import dev.lane.ledger.Ledger;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.support.StartGate;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Test-only main: {@code LedgerAppenderMain <ledger file> <wave> <writer> <count>} appends {@code count} entries,
 * one {@link Ledger#append} call each (a fresh open, lock and write every time, as separate lane commands do),
 * after passing the start gate. Each entry's detail is {@link #detail(int, int)}: distinct per writer and index,
 * and full of characters the ledger must escape.
 */
public final class LedgerAppenderMain {
    private LedgerAppenderMain() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String wave = args[1];
        int writer = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        Ledger ledger = new Ledger(file);
        StartGate.pass();
        for (int i = 0; i < count; i++) {
            ledger.append(new LedgerEntry(Instant.now(), LedgerEvent.SUBMITTED, wave, "lane" + writer,
                    "writer-" + writer, detail(writer, i)));
        }
    }

    static String detail(int writer, int index) {
        return "writer " + writer + " entry " + index + " | pipe \\ backslash\nnewline \u0007 bell";
    }
}
