package dev.lane.ledger;

import dev.lane.core.LaneException;
import dev.lane.fs.ExclusiveFileLock;
import dev.lane.fs.SafeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * A wave's {@code AGENT_LEDGER.md}: an append-only Markdown table, one entry per row, each row chained to the one
 * before it by a short hash.
 *
 * <p>Protocol. Any number of processes may append at once. An appender takes the {@link ExclusiveFileLock} on the
 * file (this JVM's guard of it first, then it opens the file without following links and locks that channel), reads
 * the chain value of the last row, and writes its rows (header first if the file is empty) at the end with
 * positional writes on the locked channel, then releases the lock, closing the channel before the guard.
 * Because every appender holds the lock from "read the last chain" to "write", entries are serialised: none is
 * lost, torn or interleaved, and the chain is linear. A crash releases the lock (the kernel drops POSIX locks of
 * a dead process); the most a crash mid-write can leave is one incomplete last line, which the next appender
 * starts a fresh line after, and which {@code lane ledger --verify} reports. Appends are not fsync'ed: a process
 * crash loses nothing, a power cut may lose the last entries (the ledger is a journal, not the source of truth
 * for claims and submissions, which have their own files).
 *
 * <p>Chain: {@code chain(row) = first 12 hex digits of SHA-256(chain(previous row) + "\n" + row text up to the
 * chain cell)}, with an empty previous chain for the first row. Editing, removing or reordering any row breaks
 * the chain at that row or the one after it.
 */
public final class Ledger {
    static final List<String> COLUMNS = List.of("time", "event", "wave", "lane", "agent", "detail", "chain");
    static final String SEPARATOR = "|------|-------|------|------|-------|--------|-------|";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    private static final int FIRST_TAIL = 4 * 1024;
    private static final int TAIL = 64 * 1024;

    private final Path file;
    private final MessageDigest sha256;

    /**
     * A ledger file. Creating it readies its hashing (a process's first SHA-256 loads the JDK's security providers
     * and runs the digest code for the first time, which takes some milliseconds), so a caller can create it ahead of
     * slow work and append when that is done. An instance is for one thread at a time; any number of instances,
     * threads and processes may append at once.
     */
    public Ledger(Path file) {
        this.file = file;
        this.sha256 = sha256();
        sha256.digest(); // a first digest of nothing, discarded: the digest resets itself after it
    }

    /**
     * Readies hashing for every ledger of this process, on the calling thread: the JDK's security providers load on a
     * process's first SHA-256 (some milliseconds). For a thread that has time before the command needs a ledger.
     */
    public static void readyHashing() {
        sha256().digest();
    }

    public Path file() {
        return file;
    }

    /** Appends one entry. See the class comment for what a failure leaves behind (nothing, or one torn line). */
    public void append(LedgerEntry entry) {
        append(List.of(entry));
    }

    /** Appends entries as one contiguous block: no other writer's entry lands between them. */
    public void append(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        SafeFiles.ensureDirectory(file.getParent());
        try (ExclusiveFileLock lock = ExclusiveFileLock.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS)) {
            FileChannel ch = lock.channel();
            long size = ch.size();
            StringBuilder out = new StringBuilder();
            String previous;
            if (size == 0) {
                out.append(header(entries.get(0).wave()));
                previous = "";
            } else {
                Tail tail = readTail(ch, size);
                previous = tail.lastChain();
                if (!tail.endsWithNewline()) {
                    out.append('\n');
                }
            }
            for (LedgerEntry e : entries) {
                String body = LedgerRow.format(List.of(TIME.format(e.time().truncatedTo(ChronoUnit.MILLIS)),
                        e.event().label(), e.wave(), e.lane(), e.agent(), e.detail()));
                String chain = chain(sha256, previous, body);
                out.append(body).append(' ').append(chain).append(" |\n");
                previous = chain;
            }
            ByteBuffer buf = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
            long pos = size;
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
        } catch (IOException e) {
            SafeFiles.refuseIfLink(file);
            throw LaneException.internal("cannot append to the ledger " + file + ": " + e.getMessage(), e);
        }
    }

    static String header(String wave) {
        return "# Agent ledger: wave " + LedgerRow.escape(wave) + "\n\n"
                + "Append-only, written by `lane`. Check it with `lane ledger --verify`.\n\n"
                + LedgerRow.format(COLUMNS) + "\n"
                + SEPARATOR + "\n";
    }

    static String chain(String previous, String body) {
        return chain(sha256(), previous, body);
    }

    private static String chain(MessageDigest sha256, String previous, String body) {
        byte[] digest = sha256.digest((previous + "\n" + body).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 6);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Tail(String lastChain, boolean endsWithNewline) {
    }

    /**
     * The chain of the last complete row, looked for in the last {@value #FIRST_TAIL} bytes first and in up to
     * {@value #TAIL} bytes if that holds no complete row (a long detail), so an append reads little of a big ledger.
     */
    private static Tail readTail(FileChannel ch, long size) throws IOException {
        for (long n = Math.min(size, FIRST_TAIL); ; n = Math.min(size, Math.min(n * 4, TAIL))) {
            Tail tail = scanTail(ch, size, (int) n);
            if (tail.lastChain() != null) {
                return tail;
            }
            if (n == size || n == TAIL) {
                return new Tail("", tail.endsWithNewline());
            }
        }
    }

    /** The last complete row in the last {@code n} bytes, or a null chain if there is none. */
    private static Tail scanTail(FileChannel ch, long size, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        long pos = size - n;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos + buf.position());
            if (r < 0) {
                break;
            }
        }
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        boolean newline = text.endsWith("\n");
        String[] lines = text.split("\n");
        int first = pos == 0 ? 0 : 1; // a window that starts mid-file may start mid-line: skip that piece
        for (int i = lines.length - 1; i >= first; i--) {
            if (i == lines.length - 1 && !newline) {
                continue; // an incomplete last line (crash mid-write) carries no trustworthy chain
            }
            List<String> cells = LedgerRow.cells(lines[i]);
            if (cells != null && cells.size() == COLUMNS.size() && !cells.get(0).equals("time")
                    && !cells.get(0).startsWith("---")) {
                return new Tail(cells.get(6), newline);
            }
        }
        return new Tail(null, newline);
    }

    /** Parses a time cell written by {@link #append}. */
    static Instant parseTime(String cell) {
        return Instant.parse(cell);
    }
}
