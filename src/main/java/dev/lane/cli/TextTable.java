package dev.lane.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain, aligned text table for people: a header, a rule (at most 100 columns wide), then rows; the last column is
 * never padded. Every cell is shown {@link #printable}: a lane's path or a check's output can hold any character, and
 * none of it may move the terminal's cursor or split a row.
 */
final class TextTable {
    /** The column where the rule under the header ends at the latest. */
    private static final int RULE_END = 100;

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> header) {
        this.header = header;
    }

    TextTable add(List<String> row) {
        rows.add(row.stream().map(TextTable::printable).toList());
        return this;
    }

    /**
     * Text as one line of plain characters: control characters (C0, DEL, C1) escaped as the ledger's table shows them
     * ({@code \n}, {@code \r}, {@code \t}, {@code \x1b}), everything else as it is.
     */
    static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(Character.isISOControl(c) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }

    String render() {
        Columns columns = new Columns(header);
        rows.forEach(columns::measureShown);
        StringBuilder out = new StringBuilder(columns.header());
        for (List<String> r : rows) {
            line(out, r, columns.width);
        }
        return out.toString();
    }

    /**
     * The layout of a table too big to hold (a ledger of months, say), printed a row at a time: the caller
     * {@link #measure measures} every row first, then prints {@link #header} and each {@link #row} in turn. Memory does
     * not grow with the number of rows. A row measured nowhere is still printed whole, only less well aligned.
     */
    static final class Columns {
        private final List<String> header;
        private final int[] width;

        Columns(List<String> header) {
            this.header = header;
            this.width = header.stream().mapToInt(String::length).toArray();
        }

        void measure(List<String> row) {
            measureShown(row.stream().map(TextTable::printable).toList());
        }

        private void measureShown(List<String> row) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }

        /** The header line and the rule under it. */
        String header() {
            StringBuilder out = new StringBuilder();
            line(out, header, width);
            List<String> rule = new ArrayList<>();
            int before = 0; // the width of the columns before the last, with their gaps
            for (int i = 0; i < width.length - 1; i++) {
                rule.add("-".repeat(width[i]));
                before += width[i] + 2;
            }
            // The last column is never padded, and its text (a long reason, say) may wrap; its rule stops where a
            // 100-column terminal does, but never short of its header.
            int last = width.length - 1;
            rule.add("-".repeat(Math.max(header.get(last).length(), Math.min(width[last], RULE_END - before))));
            line(out, rule, width);
            return out.toString();
        }

        /** One row as a line, its line break included. */
        String row(List<String> row) {
            StringBuilder out = new StringBuilder();
            line(out, row.stream().map(TextTable::printable).toList(), width);
            return out.toString();
        }
    }

    private static void line(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                l.append("  ");
            }
            l.append(i == cells.size() - 1 ? cells.get(i) : pad(cells.get(i), width[i]));
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }
}
