package dev.lane.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread that already holds a lock file and asks for it again is refused before a second channel of the file is
 * opened, and keeps its lock against other processes: closing that second channel would silently drop the POSIX lock
 * the thread holds, leaving it to work unprotected while another process takes the lock.
 */
class LockFileTakenTwiceTest {
    @TempDir
    Path tmp;

    private String otherProcessSees(Path file) {
        return TryLockMain.seenFromAnotherProcess(file, tmp.resolve("logs"));
    }

    @Test
    void aHolderThatAsksForItsLockFileAgainIsRefusedAndStillHoldsItAgainstAnotherProcess() {
        Path file = tmp.resolve(".worktrees.lock");
        String seen = LockFile.holding(file, () -> {
            assertThrows(IllegalStateException.class, () -> LockFile.holding(file, () -> "inner"),
                    "the second ask by the same thread");
            return otherProcessSees(file);
        });

        assertEquals("busy", seen, "another process must not get the lock its holder still holds");
        assertEquals("free", otherProcessSees(file), "and gets it once the holder let go");
        assertEquals("again", LockFile.holding(file, () -> "again"), "the holder's thread can take it again after");
    }

    @Test
    void aHolderOfTheLedgerFileThatAsksForItAgainIsRefusedAndStillHoldsIt() throws Exception {
        Path file = tmp.resolve("ledger.md");
        try (ExclusiveFileLock ignored = ExclusiveFileLock.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            assertThrows(IllegalStateException.class, () -> ExclusiveFileLock.open(file,
                    StandardOpenOption.WRITE));
            assertEquals("busy", otherProcessSees(file));
        }
        assertEquals("free", otherProcessSees(file));
    }
}
