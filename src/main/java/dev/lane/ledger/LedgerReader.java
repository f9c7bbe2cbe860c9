package dev.lane.ledger;

import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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
        eachLine(file, (line, number) -> {
            Recorded r = parse(line, number);
            if (r != null) {
                action.accept(r);
            }
            return true;
        });
    }

    /**
     * Walks the whole chain and reports the first line that does not follow from the row before it. Reads the file a
     * line at a time, so a ledger of any length is verified in little memory.
     */
    public static Verification verify(Path file) {
        Optional<Boolean> incomplete = endsMidLine(file);
        if (incomplete.isEmpty()) {
            return new Verification.Intact(0);
        }
        if (incomplete.get()) {
            int[] rows = {0};
            int complete = eachLine(file, (line, number) -> {
                if (parse(line, number) != null) {
                    rows[0]++;
                }
                return true;
            });
            return new Verification.Broken(complete + 1, rows[0],
                    "the last line is incomplete (a writer died mid-line, or the file was cut)", true);
        }
        ChainWalk walk = new ChainWalk();
        eachLine(file, walk);
        return walk.result();
    }

    /** The chain check of {@link #verify}, fed one complete line at a time; stops at the first break. */
    private static final class ChainWalk implements LineAction {
        private static final String HEADER_BROKEN = "the table header or its separator row is missing or edited";
        private int header = -1; // the header's line number, once found
        private boolean separator;
        private String previous = "";
        private int entries;
        private Verification.Broken broken;

        @Override
        public boolean accept(String line, int number) {
            if (header < 0) {
                if (line.equals(LedgerRow.format(Ledger.COLUMNS))) {
                    header = number;
                }
                return true;
            }
            if (!separator) {
                if (!line.equals(Ledger.SEPARATOR)) {
                    broken = new Verification.Broken(number, 0, HEADER_BROKEN);
                    return false;
                }
                separator = true;
                return true;
            }
            List<String> cells = LedgerRow.cells(line);
            if (cells == null || cells.size() != Ledger.COLUMNS.size()) {
                broken = new Verification.Broken(number, entries, "not a ledger row (edited by hand, or a row cut "
                        + "short by a writer that died mid-line or a full disk, with later entries appended after it)");
                return false;
            }
            int chainCell = line.lastIndexOf(" | ", line.length() - 3);
            String body = line.substring(0, chainCell + 2);
            String expected = Ledger.chain(previous, body);
            if (!expected.equals(cells.get(6))) {
                broken = new Verification.Broken(number, entries, "this entry does not follow from the line before "
                        + "it: it was edited, or an entry before it was removed or moved");
                return false;
            }
            previous = cells.get(6);
            entries++;
            return true;
        }

        Verification result() {
            if (broken != null) {
                return broken;
            }
            if (header < 0 || !separator) {
                return new Verification.Broken(header < 0 ? 1 : header + 1, 0, HEADER_BROKEN);
            }
            return new Verification.Intact(entries);
        }
    }

    /** What to do with one complete line (without its line break) and its 1-based number; false stops the reading. */
    private interface LineAction {
        boolean accept(String line, int number);
    }

    /**
     * Hands each complete line of {@code file} to {@code action} until it says stop, reading a buffer at a time (what
     * follows the last line break, "" or an incomplete line, is not handed over). Returns how many lines it handed
     * over; 0 if the file does not exist.
     */
    private static int eachLine(Path file, LineAction action) {
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
                // UTF-8 never has a '\n' byte inside a character: a line decodes as it would in the whole text
                if (!action.accept(line.toString(StandardCharsets.UTF_8), number)) {
                    break;
                }
                line.reset();
            }
            return number;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            SafeFiles.refuseIfLink(file);
            throw LaneException.internal("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} ends without a line break after its last byte (an empty file does not); empty if absent. */
    private static Optional<Boolean> endsMidLine(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (size == 0) {
                return Optional.of(false);
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            while (last.hasRemaining() && ch.read(last, size - 1) >= 0) {
                // one byte
            }
            return Optional.of(last.get(0) != '\n');
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            SafeFiles.refuseIfLink(file);
            throw LaneException.internal("cannot read " + file + ": " + e.getMessage(), e);
        }
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
