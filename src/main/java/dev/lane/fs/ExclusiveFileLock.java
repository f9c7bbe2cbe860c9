package dev.lane.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file that holds across processes and across threads of one process.
 *
 * <p>Protocol. Between processes the lock is a whole-file POSIX lock ({@link FileChannel#lock()}): the kernel
 * releases it when the holder exits, even on kill -9, so a crash never leaves a stale lock behind. POSIX locks
 * belong to the process, not the thread: a second {@code lock()} in the same JVM throws, and closing any other
 * channel of the same file silently drops the lock. So every holder in this JVM first takes a per-file
 * {@link ReentrantLock} (keyed by the file's absolute path) and must do all its I/O on the file through the one
 * channel it locked. Release order is the reverse of acquisition.
 */
public final class ExclusiveFileLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileLock fileLock;

    private ExclusiveFileLock(ReentrantLock threadLock, FileLock fileLock) {
        this.threadLock = threadLock;
        this.fileLock = fileLock;
    }

    /** Blocks until {@code channel} (opened on {@code file}) is exclusively locked by this thread. */
    public static ExclusiveFileLock acquire(Path file, FileChannel channel) throws IOException {
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new ReentrantLock());
        threadLock.lock();
        try {
            return new ExclusiveFileLock(threadLock, channel.lock());
        } catch (IOException | RuntimeException e) {
            threadLock.unlock();
            throw e;
        }
    }

    /** Takes the lock if it is free right now; returns null if another thread or process holds it. */
    public static ExclusiveFileLock tryAcquire(Path file, FileChannel channel) throws IOException {
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new ReentrantLock());
        if (!threadLock.tryLock()) {
            return null;
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                threadLock.unlock();
                return null;
            }
            return new ExclusiveFileLock(threadLock, lock);
        } catch (IOException | RuntimeException e) {
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (fileLock.isValid()) {
                fileLock.release();
            }
        } finally {
            threadLock.unlock();
        }
    }
}
