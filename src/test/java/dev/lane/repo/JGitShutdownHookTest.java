package dev.lane.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.JvmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lane registers JGit's shutdown cleanup itself ({@link JGitShutdownHook}), so that JGit need not load its message
 * bundle at start-up. A lane process stopped by a signal (Ctrl-C, {@code kill}) while JGit holds a lock file (a ref
 * being moved) must still delete that {@code .lock}, as JGit's own hook does: a stale {@code refs/heads/main.lock}
 * would make every later git command on main fail until someone deletes it by hand.
 */
class JGitShutdownHookTest {
    @TempDir
    Path tmp;

    @Test
    void aLaneProcessStoppedBySignalWhileJGitHoldsALockFileLeavesNoLockFileBehind() throws Exception {
        Path ref = tmp.resolve("main");
        Files.writeString(ref, "0123456789012345678901234567890123456789\n");

        JvmProcess holder = JvmProcess.java(JGitLockHolderMain.class, ref.toString(), "--install")
                .logs(tmp.resolve("logs")).start();
        holder.awaitStderr("locked", Duration.ofSeconds(60));
        assertTrue(Files.exists(tmp.resolve("main.lock")), "the lock file is held while the process runs");

        int exit = holder.terminate();

        assertFalse(Files.exists(tmp.resolve("main.lock")),
                "a process stopped by SIGTERM (exit " + exit + ") must not leave JGit's lock file behind");
        assertEquals("0123456789012345678901234567890123456789\n", Files.readString(ref), "the ref itself unchanged");
    }
}
