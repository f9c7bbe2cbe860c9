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

    static final String NONE = "(no ledger entries)\n";

    static String render(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return NONE;
        }
        TextTable.Columns columns = columns();
        entries.forEach(e -> columns.measure(cells(e)));
        StringBuilder out = new StringBuilder(columns.header());
        entries.forEach(e -> out.append(columns.row(cells(e))));
        return out.toString();
    }

    /** The layout of the table, for a caller that measures and prints rows one at a time (a ledger too big to hold). */
    static TextTable.Columns columns() {
        return new TextTable.Columns(List.of("TIME", "EVENT", "WAVE", "LANE", "AGENT", "DETAIL"));
    }

    /**
     * An entry's cells. Fields read from the file may hold anything (it can be edited by hand): TextTable shows every
     * cell on one line, control characters escaped.
     */
    static List<String> cells(LedgerEntry e) {
        return List.of(TIME.format(e.time()), e.event().label(), e.wave(), e.lane(), e.agent(), e.detail());
    }
}
