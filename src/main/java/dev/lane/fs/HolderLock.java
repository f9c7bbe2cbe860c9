package dev.lane.fs;

import dev.lane.core.Host;
import dev.lane.core.LaneException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Predicate;

/**
 * A lock file that is taken without waiting and names its holder, so that a process that finds it busy can say who
 * holds it (a contention error, exit 3).
 *
 * <p>Protocol. The lock is a POSIX whole-file lock taken with {@link ExclusiveFileLock#tryOpen} (never waiting).
 * The kernel drops it when the holder exits, even on kill -9, so a crash never leaves a stale lock; the file itself
 * stays and is reused (see {@link LockFile} for why it is never deleted). Once locked, the holder truncates the file
 * and writes one line naming itself through the locked channel; a refused process reads that line for its message
 * (in the instant between a takeover and the write it may read the previous holder's line, or an empty one: it
 * reads again for up to about 100 ms while the line is empty or names a process of this host that is gone, and then
 * says "just starting"). Inside one JVM a second attempt (also by the holder's own thread) is refused by the file's
 * guard before any channel is opened ({@link ExclusiveFileLock#tryOpen}), because closing a second channel of a
 * locked file would silently drop the holder's POSIX lock; the guard keeps the holder's line, so a refused attempt in
 * the holder's JVM names it without reading the file.
 * A planted symbolic link is refused (exit 5), never followed. Limits within one JVM (tests, the demo): a lock must
 * be closed on the thread that took it, and a holder's line read from the file while another thread of the same JVM
 * is taking the lock could, by closing its channel, drop that thread's POSIX lock; lane's commands take each lock on
 * one thread.
 */
public final class HolderLock implements AutoCloseable {
    private final ExclusiveFileLock lock;

    private HolderLock(ExclusiveFileLock lock) {
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code file} now, recording {@code me} as its holder, or throws {@code busy} applied to the
     * holder's own description. The file's folder must exist.
     */
    public static HolderLock acquire(Path file, String me, Function<String, LaneException> busy) {
        return acquire(file, me, busy, holder -> false, Duration.ZERO);
    }

    /**
     * {@link #acquire(Path, String, Function)}, but while the holder's line matches {@code worthWaitingFor} (a holder
     * known to be brief) it tries again, 20 ms after each look at the holder's line (which itself may take up to
     * ~100 ms, see {@link #holder}), for up to {@code patience} before giving up the same way.
     */
    public static HolderLock acquire(Path file, String me, Function<String, LaneException> busy,
                                     Predicate<String> worthWaitingFor, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<HolderLock> taken = tryAcquire(file, me);
            if (taken.isPresent()) {
                return taken.get();
            }
            String holder = holderOf(file);
            if (!worthWaitingFor.test(holder) || System.nanoTime() - deadline >= 0) {
                throw busy.apply(holder);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy.apply(holder);
            }
        }
    }

    /** Who holds the lock on {@code file}: the line of a holder in this JVM, else the one in the file. */
    private static String holderOf(Path file) {
        Path key = file.toAbsolutePath().normalize();
        return ExclusiveFileLock.noteOfHolderHere(key).orElseGet(() -> holder(key));
    }

    /** Takes the lock now, writing {@code me} as its holder, or returns empty if another holds it. */
    private static Optional<HolderLock> tryAcquire(Path file, String me) {
        Path key = file.toAbsolutePath().normalize();
        ExclusiveFileLock taken = null;
        try {
            Optional<ExclusiveFileLock> free = ExclusiveFileLock.tryOpen(key, me, StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            if (free.isEmpty()) {
                return Optional.empty();
            }
            taken = free.get();
            FileChannel ch = taken.channel();
            ch.truncate(0);
            ByteBuffer line = ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8));
            long pos = 0;
            while (line.hasRemaining()) {
                pos += ch.write(line, pos);
            }
            return Optional.of(new HolderLock(taken));
        } catch (IOException e) {
            closeQuietly(taken);
            SafeFiles.refuseIfLink(key);
            throw LaneException.internal("cannot take the lock " + key + ": " + e.getMessage(), e);
        }
    }

    /** A pid lane writes (a long); a line naming a longer one names no process of ours, and is read as none. */
    private static final Pattern PROCESS = Pattern.compile(", pid (\\d{1,18}), host ([^,]+),");

    /**
     * Whether a holder line names a process of this host that is gone: the line of a previous holder, read in the
     * instant before the new holder wrote its own.
     */
    private static boolean ofDeadProcessHere(String line) {
        return LastHolder.of(line).process() == Host.ProcessState.GONE;
    }

    /**
     * The line the last holder of a lock file wrote, which stays in the file after it let go.
     *
     * @param line    what the holder wrote about itself
     * @param process what can be told here of the process it names ({@code RUNS} for a line that names no process,
     *                which lane never writes)
     * @param host    the host it names (null if it names none)
     */
    public record LastHolder(String line, Host.ProcessState process, String host) {
        static LastHolder of(String line) {
            Matcher m = PROCESS.matcher(line);
            if (!m.find()) {
                return new LastHolder(line, Host.ProcessState.RUNS, null);
            }
            String host = m.group(2);
            return new LastHolder(line, Host.stateOf(host, Long.parseLong(m.group(1))), host);
        }

        /** What the line says, if it is in the format {@link #line} writes; empty for any other text. */
        public Optional<Written> written() {
            Matcher m = WRITTEN.matcher(line);
            if (!m.matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Written(m.group(1), m.group(2), Instant.parse(m.group(3))));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * What a holder line says of its holder.
     *
     * @param doing what the holder does ("integrate", "release of lane dimA", "submit"...)
     * @param agent the agent it does it for
     * @param since when it took the lock, as precise as it wrote it
     */
    public record Written(String doing, String agent, Instant since) {
    }

    private static final Pattern WRITTEN = Pattern.compile(
            "(.+) by agent ([^,]+), pid \\d{1,18}, host [^,]+, since (\\S+)");

    /**
     * The line a holder writes about itself, the one format {@link LastHolder} reads:
     * {@code <doing> by agent <agent>, pid N, host H, since <since>}.
     */
    public static String line(String doing, String agent, Instant since) {
        return doing + " by agent " + agent + ", " + thisProcess() + ", since " + since;
    }

    /**
     * The last holder of {@code file}, read without locking anything (taking the lock even for an instant could make
     * a real taker find it busy): who holds it now if anyone does, else who held it last. Empty if no holder ever
     * wrote its line.
     */
    public static Optional<LastHolder> lastHolder(Path file) {
        String text = ExclusiveFileLock.readHolderLine(file).orElse("").strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(LastHolder.of(text));
    }

    /** This process as a holder line names it: {@code pid N, host H}. */
    private static String thisProcess() {
        return "pid " + ProcessHandle.current().pid() + ", host " + Host.name();
    }

    /**
     * Who holds the lock, as it wrote itself; only read when no thread of this JVM holds it. A holder that has just
     * taken the lock may not have written its line yet: the file is read again for up to about 100 ms before saying so.
     */
    private static String holder(Path file) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String text = ExclusiveFileLock.readHolderLine(file).orElse("").strip();
            if (!text.isEmpty() && !ofDeadProcessHere(text)) {
                return text;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "another process (it is just starting)";
    }

    @Override
    public void close() {
        closeQuietly(lock);
    }

    /** Releases the lock, closes its channel and lets go of the guard (each even if the one before fails). */
    private static void closeQuietly(ExclusiveFileLock lock) {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // the kernel drops the lock when the channel closes, and the guard is let go regardless
            }
        }
    }
}
