package dev.lane.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown-table encoding of ledger entries. Every field is escaped so that no input can end a cell or a row:
 * backslash, pipe and control characters (line breaks included) become backslash escapes. A row is
 * {@code | f1 | f2 | ... |}; {@link #cells(String)} inverts {@link #format(List)} exactly.
 */
final class LedgerRow {
    private LedgerRow() {
    }

    static String format(List<String> fields) {
        StringBuilder row = new StringBuilder("|");
        for (String f : fields) {
            row.append(' ').append(escape(f)).append(" |");
        }
        return row.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '|' -> out.append("\\|");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The unescaped cells of a row, or null if the line is not a well-formed row. */
    static List<String> cells(String line) {
        if (!line.startsWith("|") || !line.endsWith("|") || line.length() < 2) {
            return null;
        }
        List<String> raw = new ArrayList<>();
        int start = 1;
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                raw.add(line.substring(start, i));
                start = i + 1;
            }
        }
        if (start != line.length()) {
            return null;
        }
        List<String> cells = new ArrayList<>(raw.size());
        for (String segment : raw) {
            if (segment.length() < 2 || segment.charAt(0) != ' ' || segment.charAt(segment.length() - 1) != ' ') {
                return null;
            }
            String cell = unescape(segment.substring(1, segment.length() - 1));
            if (cell == null) {
                return null;
            }
            cells.add(cell);
        }
        return cells;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                return null;
            }
            char n = text.charAt(++i);
            switch (n) {
                case '\\' -> out.append('\\');
                case '|' -> out.append('|');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 5 > text.length()) {
                        return null;
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    i += 4;
                }
                default -> {
                    return null;
                }
            }
        }
        return out.toString();
    }
}
