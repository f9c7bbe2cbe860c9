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
            // Fields read from the file may hold anything (it can be edited by hand): TextTable shows every cell on one
            // line, control characters escaped.
            table.add(List.of(TIME.format(e.time()), e.event().label(), e.wave(), e.lane(), e.agent(), e.detail()));
        }
        return table.render();
    }
}
