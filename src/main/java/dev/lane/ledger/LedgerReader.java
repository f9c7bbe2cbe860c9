package dev.lane.ledger;

import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads and verifies a ledger written by {@link Ledger}. Reading takes no lock: an append in progress is at most
 * an incomplete last line, which is skipped while reading and reported only by {@link #verify}.
 */
public final class LedgerReader {
    private LedgerReader() {
    }

    /** An entry as found in the file, with its 1-based line number and its chain cell. */
    public record Recorded(int line, LedgerEntry entry, String chain) {
    }

    /** The outcome of {@link #verify}. */
    public sealed interface Verification {
        /** Every row follows from the one before it. */
        record Intact(int entries) implements Verification {
        }

        /**
         * The first line where the chain breaks, and why.
         *
         * @param lastLineIncomplete whether the only fault is an incomplete last line: what an append in progress
         *                           looks like to a reader (which takes no lock), and a line {@link #read} skips
         */
        record Broken(int line, int intactEntriesBefore, String reason, boolean lastLineIncomplete)
                implements Verification {
            Broken(int line, int intactEntriesBefore, String reason) {
                this(line, intactEntriesBefore, reason, false);
            }
        }
    }

    /** The entries of a ledger file, in file order; empty if the file does not exist. */
    public static List<Recorded> read(Path file) {
        List<Recorded> out = new ArrayList<>();
        forEach(file, out::add);
        return out;
    }

    /**
     * Hands each entry of a ledger file to {@code action}, in file order, reading the file a line at a time: memory
     * does not grow with the ledger (a wave kept for months holds tens of thousands of entries). Nothing if the file
     * does not exist. Like {@link #read}, skips an incomplete last line (an append in progress).
     */
    public static void forEach(Path file, Consumer<Recorded> action) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 64 * 1024)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            int number = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                number++;
                Recorded r = parse(line.toString(StandardCharsets.UTF_8), number);
                if (r != null) {
                    action.accept(r);
                }
                line.reset();
            }
            // what is left after the last line break is "" or an incomplete line: skip it
        } catch (NoSuchFileException e) {
            // no ledger yet: no entries
        } catch (IOException e) {
            SafeFiles.refuseIfLink(file);
            throw LaneException.internal("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Walks the whole chain and reports the first line that does not follow from the row before it. */
    public static Verification verify(Path file) {
        Optional<String> text = SafeFiles.readIfExists(file);
        if (text.isEmpty()) {
            return new Verification.Intact(0);
        }
        String[] lines = text.get().split("\n", -1);
        if (!text.get().isEmpty() && !text.get().endsWith("\n")) {
            return new Verification.Broken(lines.length, countRows(lines, lines.length - 1),
                    "the last line is incomplete (a writer died mid-line, or the file was cut)", true);
        }
        String previous = "";
        int entries = 0;
        int header = -1;
        for (int i = 0; i < lines.length - 1 && header < 0; i++) {
            if (lines[i].equals(LedgerRow.format(Ledger.COLUMNS))) {
                header = i;
            }
        }
        if (header < 0 || header + 1 >= lines.length - 1 || !lines[header + 1].equals(Ledger.SEPARATOR)) {
            int line = header < 0 ? 1 : header + 2;
            return new Verification.Broken(line, 0, "the table header or its separator row is missing or edited");
        }
        for (int i = header + 2; i < lines.length - 1; i++) {
            String line = lines[i];
            List<String> cells = LedgerRow.cells(line);
            if (cells == null || cells.size() != Ledger.COLUMNS.size()) {
                return new Verification.Broken(i + 1, entries, "not a ledger row (edited by hand, or a row cut "
                        + "short by a writer that died mid-line or a full disk, with later entries appended after it)");
            }
            int chainCell = line.lastIndexOf(" | ", line.length() - 3);
            String body = line.substring(0, chainCell + 2);
            String expected = Ledger.chain(previous, body);
            if (!expected.equals(cells.get(6))) {
                return new Verification.Broken(i + 1, entries, "this entry does not follow from the line before it: "
                        + "it was edited, or an entry before it was removed or moved");
            }
            previous = cells.get(6);
            entries++;
        }
        return new Verification.Intact(entries);
    }

    private static int countRows(String[] lines, int upTo) {
        int n = 0;
        for (int i = 0; i < upTo; i++) {
            if (parse(lines[i], i + 1) != null) {
                n++;
            }
        }
        return n;
    }

    private static Recorded parse(String line, int lineNumber) {
        List<String> cells = LedgerRow.cells(line);
        if (cells == null || cells.size() != Ledger.COLUMNS.size()) {
            return null;
        }
        Optional<LedgerEvent> event = LedgerEvent.fromLabel(cells.get(1));
        if (event.isEmpty()) {
            return null;
        }
        try {
            Instant time = Ledger.parseTime(cells.get(0));
            return new Recorded(lineNumber,
                    new LedgerEntry(time, event.get(), cells.get(2), cells.get(3), cells.get(4), cells.get(5)),
                    cells.get(6));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
