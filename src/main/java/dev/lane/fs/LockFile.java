package dev.lane.fs;

import dev.lane.core.LaneException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * A file that exists only to be locked: runs an action while holding an {@link ExclusiveFileLock} on it.
 *
 * <p>Protocol. The file is created on first use (never following a link: a planted link is refused) and never
 * deleted, because a process that deleted a lock file others hold open would let the next process lock a new file
 * while they still hold the old one. The lock is released when the action returns or throws, or by the kernel when
 * the holder dies, so a crash never leaves it held. It is not reentrant: a thread that holds it and asks again is
 * refused ({@link IllegalStateException}) and keeps what it holds.
 */
public final class LockFile {
    private LockFile() {
    }

    /** Runs {@code action} while holding the lock on {@code file}, waiting for it if another process holds it. */
    public static <T> T holding(Path file, Supplier<T> action) {
        if (Files.isSymbolicLink(file)) {
            throw LaneException.refused(file + " is a symbolic link; refusing to use it as a lock. Remove it (it was "
                    + "not made by lane) and retry.");
        }
        try (ExclusiveFileLock lock = ExclusiveFileLock.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            return action.get();
        } catch (IOException e) {
            throw LaneException.internal("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #holding(Path, Supplier)} for an action without a result. */
    public static void holding(Path file, Runnable action) {
        holding(file, () -> {
            action.run();
            return null;
        });
    }
}
