package dev.lane.fs;

import dev.lane.support.JvmProcess;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Test-only main: {@code TryLockMain <file>} tries the POSIX lock on {@code file} once, from another process, and
 * prints {@code free} (it got it, and lets go at once) or {@code busy}.
 */
public final class TryLockMain {
    private TryLockMain() {
    }

    /** What another process sees of {@code file}'s lock right now: {@code free} or {@code busy}. */
    static String seenFromAnotherProcess(Path file, Path logs) {
        return JvmProcess.java(TryLockMain.class, file.toString()).logs(logs).start()
                .await(Duration.ofMinutes(1)).out().strip();
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            System.out.println(lock == null ? "busy" : "free");
        }
    }
}
