package dev.lane.fs;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Test-only main: {@code TryLockMain <file>} tries the POSIX lock on {@code file} once, from another process, and
 * prints {@code free} (it got it, and lets go at once) or {@code busy}.
 */
public final class TryLockMain {
    private TryLockMain() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            System.out.println(lock == null ? "busy" : "free");
        }
    }
}
