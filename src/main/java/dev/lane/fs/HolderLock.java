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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A lock file that is taken without waiting and names its holder, so that a process that finds it busy can say who
 * holds it (a contention error, exit 3).
 *
 * <p>Protocol. The lock is a POSIX whole-file lock taken with {@link ExclusiveFileLock#tryAcquire} (never waiting).
 * The kernel drops it when the holder exits, even on kill -9, so a crash never leaves a stale lock; the file itself
 * stays and is reused (see {@link LockFile} for why it is never deleted). Once locked, the holder truncates the file
 * and writes one line naming itself through the locked channel; a refused process reads that line for its message
 * (in the instant between a takeover and the write it may read the previous holder's line, or an empty one: it
 * reads again for up to about 100 ms, and then says "just starting"). Inside one JVM a second attempt is refused from
 * an in-process map before any channel is opened, because closing a second channel of a locked file would silently
 * drop the holder's POSIX lock.
 * A planted symbolic link is refused (exit 5), never followed.
 */
public final class HolderLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final ExclusiveFileLock lock;

    private HolderLock(Path file, FileChannel channel, ExclusiveFileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code file} now, recording {@code me} as its holder, or throws {@code busy} applied to the
     * holder's own description. The file's folder must exist.
     */
    public static HolderLock acquire(Path file, String me, Function<String, LaneException> busy) {
        Path key = file.toAbsolutePath().normalize();
        String inThisProcess = HELD_HERE.putIfAbsent(key, me);
        if (inThisProcess != null) {
            throw busy.apply(inThisProcess);
        }
        FileChannel ch = null;
        ExclusiveFileLock taken = null;
        try {
            ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            taken = ExclusiveFileLock.tryAcquire(key, ch);
            if (taken == null) {
                ch.close();
                HELD_HERE.remove(key);
                throw busy.apply(holder(key));
            }
            ch.truncate(0);
            ByteBuffer line = ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8));
            long pos = 0;
            while (line.hasRemaining()) {
                pos += ch.write(line, pos);
            }
            return new HolderLock(key, ch, taken);
        } catch (IOException e) {
            if (taken != null) {
                try {
                    taken.close();
                } catch (IOException ignored) {
                    // closing the channel below drops the POSIX lock anyway
                }
            }
            closeQuietly(ch);
            HELD_HERE.remove(key);
            SafeFiles.refuseIfLink(key);
            throw LaneException.internal("cannot take the lock " + key + ": " + e.getMessage(), e);
        }
    }

    /** This process as a holder line names it: {@code pid N, host H}. */
    public static String thisProcess() {
        return "pid " + ProcessHandle.current().pid() + ", host " + Host.name();
    }

    /**
     * Who holds the lock, as it wrote itself; only read when no thread of this JVM holds it. A holder that has just
     * taken the lock may not have written its line yet: the file is read again for up to about 100 ms before saying so.
     */
    private static String holder(Path file) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String text = SafeFiles.readIfExists(file).orElse("").strip();
            if (!text.isEmpty()) {
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
        try {
            lock.close();
        } catch (IOException ignored) {
            // the kernel drops the lock when the channel closes anyway
        } finally {
            closeQuietly(channel);
            HELD_HERE.remove(file);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
