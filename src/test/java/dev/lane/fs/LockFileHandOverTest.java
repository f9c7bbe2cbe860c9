package dev.lane.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock file handed from one thread of a JVM to another stays locked against other processes: the thread letting go
 * closes its channel of the file before the next thread locks it (closing any channel of a file drops every POSIX
 * lock the process holds on it, so a close after the hand-over would leave the new holder unprotected).
 */
class LockFileHandOverTest {
    @TempDir
    Path tmp;

    private String otherProcessSees(Path file) {
        return TryLockMain.seenFromAnotherProcess(file, tmp.resolve("logs"));
    }

    @Test
    void theSecondThreadToHoldALockFileStillHoldsItAgainstAnotherProcess() throws Exception {
        Path file = tmp.resolve(".worktrees.lock");
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch letFirstGo = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> LockFile.holding(file, () -> {
            firstHolds.countDown();
            await(letFirstGo);
        }));
        firstHolds.await(1, TimeUnit.MINUTES);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> LockFile.holding(file, () -> {
            first.join(); // the first holder has let go completely, channel and all
            return otherProcessSees(file);
        }));
        Thread.sleep(200); // the second thread is waiting for the lock
        letFirstGo.countDown();

        assertEquals("busy", second.get(2, TimeUnit.MINUTES), "another process must not get the lock the second "
                + "thread holds");
        assertEquals("free", otherProcessSees(file), "and gets it once the second thread let go");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
