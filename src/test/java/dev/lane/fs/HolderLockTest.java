package dev.lane.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lane.core.LaneException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A holder lock taken twice in one JVM: the second attempt is refused naming the holder, and refusing it leaves the
 * holder's lock held against other processes (a second channel opened and closed on the file would drop it).
 */
class HolderLockTest {
    @TempDir
    Path tmp;

    private String otherProcessSees(Path file) {
        return TryLockMain.seenFromAnotherProcess(file, tmp.resolve("logs"));
    }

    @Test
    void aSecondTakeInTheSameJvmIsRefusedNamingTheHolderAndTheHolderKeepsItsLock() throws Exception {
        Path file = tmp.resolve(".integrate.lock");
        try (HolderLock held = HolderLock.acquire(file, "integrate by agent ops, pid 1, host h, since t",
                holder -> LaneException.contention("busy: " + holder))) {
            LaneException sameThread = assertThrows(LaneException.class, () -> HolderLock.acquire(file, "me again",
                    holder -> LaneException.contention("busy: " + holder)));
            assertEquals("busy: integrate by agent ops, pid 1, host h, since t", sameThread.getMessage());
            String otherThread = CompletableFuture.supplyAsync(() -> {
                try (HolderLock second = HolderLock.acquire(file, "other thread",
                        holder -> LaneException.contention("busy: " + holder))) {
                    return "taken";
                } catch (LaneException e) {
                    return e.getMessage();
                }
            }).get();
            assertEquals("busy: integrate by agent ops, pid 1, host h, since t", otherThread);
            assertEquals("busy", otherProcessSees(file), "the refusals left the holder's lock in place");
        }
        assertEquals("free", otherProcessSees(file), "closed, the lock is free for others");
        try (HolderLock again = HolderLock.acquire(file, "next", holder -> LaneException.contention(holder))) {
            assertEquals("busy", otherProcessSees(file));
        }
    }

    @Test
    void theLineAHolderWritesIsReadBackAsWhatItDoesForWhichAgentSinceWhen() throws Exception {
        Path file = tmp.resolve(".integrate.lock");
        java.time.Instant since = java.time.Instant.parse("2026-11-22T11:57:00Z");
        try (HolderLock held = HolderLock.acquire(file, HolderLock.line("release of lane dimA", "ops", since),
                h -> LaneException.contention(h))) {
            HolderLock.Written w = HolderLock.lastHolder(file).orElseThrow().written().orElseThrow();
            assertEquals(new HolderLock.Written("release of lane dimA", "ops", since), w);
        }
        java.nio.file.Files.writeString(file, "edited by hand\n");
        assertEquals(java.util.Optional.empty(), HolderLock.lastHolder(file).orElseThrow().written());
    }
}
