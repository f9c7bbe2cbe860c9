package dev.lane.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file that holds across processes and across threads of one process.
 *
 * <p>Protocol. Between processes the lock is a whole-file POSIX lock ({@link FileChannel#lock()}): the kernel
 * releases it when the holder exits, even on kill -9, so a crash never leaves a stale lock behind. POSIX locks
 * belong to the process, not the thread: a second {@code lock()} in the same JVM throws, and closing any other
 * channel of the same file silently drops the lock (measured: a lock stays "valid" in Java while another process
 * takes it). So every holder in this JVM first takes the file's guard, a per-file {@link ReentrantLock} (keyed by the
 * file's absolute path), and only then opens its channel of the file ({@link #open} waits, {@link #tryOpen} does not),
 * doing all its I/O on the file through that one channel. The lock owns the channel: {@link #close} releases the
 * POSIX lock, closes the channel, and only then lets go of the guard. So no thread of this JVM ever opens or closes a
 * channel of the file while another thread holds it locked, and no hand-over between threads loses the lock. The
 * guard is taken once: the thread that holds it is refused a second time ({@link #open} throws, {@link #tryOpen}
 * answers empty) before it opens anything, since the lock is not reentrant and its second channel, closed, would
 * drop the first one's lock.
 *
 * <p>{@link #tryOpen}, for locks that are taken without waiting ({@link HolderLock}), keeps the holder's note with the
 * guard while held ({@link #noteOfHolderHere}), so who holds it can be told without reading the file. A reader of the
 * holder's line ({@link #readHolderLine}) takes the guard for its read and no POSIX lock, so it never closes a channel
 * under a holder of this JVM and never makes a taker anywhere find the file busy.
 */
public final class ExclusiveFileLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, Guard> IN_PROCESS = new ConcurrentHashMap<>();

    /** This JVM's guard of one file, and the note of its holder (null if it left none). */
    private static final class Guard {
        final ReentrantLock lock = new ReentrantLock();
        volatile String note;
    }

    private final Guard guard;
    private final FileLock fileLock;
    /** The channel this lock opened, locked and closes. */
    private final FileChannel owned;

    private ExclusiveFileLock(Guard guard, FileLock fileLock, FileChannel owned) {
        this.guard = guard;
        this.fileLock = fileLock;
        this.owned = owned;
    }

    private static Guard guardOf(Path file) {
        return IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Guard());
    }

    /**
     * Blocks until {@code file} is exclusively locked by this thread, opening it with {@code options} only once this
     * JVM's guard is held. The lock owns the channel it opened ({@link #channel}); {@link #close} closes it before it
     * lets go of the guard. Throws if the file cannot be opened or locked, holding nothing then; throws
     * {@link IllegalStateException}, opening nothing, if this thread holds the lock already (a second channel of the
     * file, closed, would drop the lock it holds).
     */
    public static ExclusiveFileLock open(Path file, OpenOption... options) throws IOException {
        Guard guard = guardOf(file);
        if (guard.lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("this thread already holds the lock on " + file
                    + "; taking it again would drop it");
        }
        guard.lock.lock();
        return lockUnderGuard(guard, file, true, options).orElseThrow();
    }

    /**
     * Takes the lock on {@code file} if it is free right now, opening the file with {@code options} only once this
     * JVM's guard is held; empty if another thread (this one included) or process holds it. {@code note} (what the
     * holder says about itself) is kept with the guard until {@link #close}. The lock owns the channel it opened.
     */
    public static Optional<ExclusiveFileLock> tryOpen(Path file, String note, OpenOption... options)
            throws IOException {
        Guard guard = guardOf(file);
        if (guard.lock.isHeldByCurrentThread() || !guard.lock.tryLock()) {
            return Optional.empty();
        }
        guard.note = note; // from now on until the guard is let go, who holds it is told from here
        return lockUnderGuard(guard, file, false, options);
    }

    /**
     * With this thread holding {@code guard}: opens {@code file} and locks it, waiting for other processes if
     * {@code wait}, else giving up at once (empty). If it gets no lock, or fails, it closes the channel it opened (no
     * lock of this JVM on the file to drop: the guard is ours) and lets go of the guard, holding nothing.
     */
    private static Optional<ExclusiveFileLock> lockUnderGuard(Guard guard, Path file, boolean wait,
                                                              OpenOption... options) throws IOException {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file.toAbsolutePath().normalize(), options);
            FileLock lock = wait ? ch.lock() : ch.tryLock();
            if (lock != null) {
                return Optional.of(new ExclusiveFileLock(guard, lock, ch));
            }
            ch.close();
            letGo(guard);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            letGo(guard);
            throw e;
        }
    }

    private static void letGo(Guard guard) {
        guard.note = null;
        guard.lock.unlock();
    }

    /**
     * What a lock file says of its holder, read without taking its lock (so no taker, here or in another process, ever
     * finds it busy because of a reader): the note of the thread of this JVM that holds it if one does, else the
     * file's text (empty if there is no file), read while this JVM's guard is held for that instant, so that no
     * thread of this JVM locks the file while the read opens and closes its own channel of it (closing that channel
     * would drop the new holder's lock).
     */
    public static Optional<String> readHolderLine(Path file) {
        Guard guard = guardOf(file);
        if (guard.lock.isHeldByCurrentThread() || !guard.lock.tryLock()) {
            return Optional.ofNullable(guard.note);
        }
        try {
            return SafeFiles.readIfExists(file.toAbsolutePath().normalize());
        } finally {
            guard.lock.unlock();
        }
    }

    /**
     * The note of the holder in this JVM of {@code file}'s lock, from the moment {@link #tryOpen} takes the guard
     * until {@link #close} lets go of it; empty if no thread of this JVM holds it by {@link #tryOpen}.
     */
    public static Optional<String> noteOfHolderHere(Path file) {
        Guard guard = IN_PROCESS.get(file.toAbsolutePath().normalize());
        return guard == null ? Optional.empty() : Optional.ofNullable(guard.note);
    }

    /** The channel this lock opened and locked: all I/O on the file goes through it. */
    public FileChannel channel() {
        return owned;
    }

    @Override
    public void close() throws IOException {
        try {
            try {
                if (fileLock.isValid()) {
                    fileLock.release();
                }
            } finally {
                owned.close();
            }
        } finally {
            letGo(guard);
        }
    }
}
