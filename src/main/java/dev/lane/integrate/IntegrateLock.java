package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.fs.ExclusiveFileLock;
import dev.lane.fs.SafeFiles;
import dev.lane.inbox.Inbox;
import dev.lane.names.WaveId;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wave's integrator lock, {@code <inbox>/<wave>/.integrate.lock}: at most one integrate pass per wave at a time.
 *
 * <p>Protocol. The lock is a POSIX whole-file lock taken with {@link ExclusiveFileLock#tryAcquire} (never waiting:
 * a busy lock is contention, exit 3). The kernel drops it when the holder exits, even on kill -9, so a crashed pass
 * never leaves a stale lock; the file itself stays and is reused. Once locked, the holder truncates the file and
 * writes one line naming itself (agent, pid, host, time) through the locked channel; a refused process reads that
 * line for its message (it may read an empty or previous holder's line in the instant between a takeover and the
 * write, and says so). Inside one JVM a second attempt is refused from an in-process set before any channel is
 * opened, because closing a second channel of a locked file would silently drop the holder's POSIX lock.
 */
public final class IntegrateLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final ExclusiveFileLock lock;

    private IntegrateLock(Path file, FileChannel channel, ExclusiveFileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the wave's lock now or throws a contention error naming the holder. */
    public static IntegrateLock acquire(Inbox inbox, WaveId wave, String agent, Instant now) {
        SafeFiles.ensureDirectory(inbox.waveDir(wave));
        Path file = inbox.integrateLock(wave).toAbsolutePath().normalize();
        String me = "agent " + agent + ", pid " + ProcessHandle.current().pid() + ", host " + host() + ", since "
                + now;
        String inThisProcess = HELD_HERE.putIfAbsent(file, me);
        if (inThisProcess != null) {
            throw busy(wave, file, inThisProcess);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            ExclusiveFileLock lock = ExclusiveFileLock.tryAcquire(file, ch);
            if (lock == null) {
                ch.close();
                HELD_HERE.remove(file);
                throw busy(wave, file, holder(file));
            }
            ch.truncate(0);
            ByteBuffer line = ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8));
            long pos = 0;
            while (line.hasRemaining()) {
                pos += ch.write(line, pos);
            }
            return new IntegrateLock(file, ch, lock);
        } catch (IOException e) {
            closeQuietly(ch);
            HELD_HERE.remove(file);
            throw LaneException.internal("cannot take the integrator lock " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Who holds the lock, as its holder (another process) wrote it. Only called when no thread of this JVM holds
     * the lock, so opening and closing a channel here cannot drop a lock of ours.
     */
    static String holder(Path file) {
        String text = SafeFiles.readIfExists(file).orElse("").strip();
        return text.isEmpty() ? "another process (it is just starting)" : text;
    }

    private static LaneException busy(WaveId wave, Path file, String holder) {
        return LaneException.contention("another integrate of wave " + wave + " is running: held by "
                + holder + " (lock " + file + "). Wait for it to finish and run integrate again.");
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

    private static String host() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            return Files.isReadable(kernel) ? Files.readString(kernel).strip()
                    : InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
