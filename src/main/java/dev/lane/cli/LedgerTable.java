package dev.lane.cli;

import dev.lane.ledger.LedgerEntry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The human view of ledger entries: one aligned row per entry, times in UTC to the second. */
final class LedgerTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private LedgerTable() {
    }

    static String render(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return "(no ledger entries)\n";
        }
        TextTable table = new TextTable(List.of("TIME", "EVENT", "WAVE", "LANE", "AGENT", "DETAIL"));
        for (LedgerEntry e : entries) {
            table.add(List.of(TIME.format(e.time()), e.event().label(), oneLine(e.wave()), oneLine(e.lane()),
                    oneLine(e.agent()), oneLine(e.detail())));
        }
        return table.render();
    }

    /**
     * Fields read from the file may hold anything (the file can be edited by hand); the table shows control
     * characters escaped so each entry stays one line and nothing reaches the terminal as a control sequence.
     */
    private static String oneLine(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
