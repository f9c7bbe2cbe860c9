package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.JvmProcess;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pass killed while its {@code check:} runs leaves the check's checkout (a whole tree in the temporary folder, and
 * a worktree of the repository that {@code git worktree list} shows); the next pass clears it, and leaves alone the
 * checkout of a pass that is still running.
 */
class KilledInCheckTest {
    @TempDir
    Path tmp;

    @Test
    void theNextPassClearsTheCheckoutOfAPassKilledInItsCheck() throws Exception {
        Path started = tmp.resolve("check-started");
        WaveFixture f = dimASubmittedWithASleepingCheck(started);
        JvmProcess pass = f.passInItsCheck("45", started, "ops");
        List<Path> left;
        try {
            left = checkFolders(pass.pid());
            assertEquals(1, left.size(), "the check runs in a folder named after its pass: " + left);
        } finally {
            WaveFixture.killInCheck(pass, started);
        }
        Path checkout = left.get(0).resolve("checkout");
        assertTrue(Files.isDirectory(checkout), "a killed pass cannot clear its checkout");
        assertTrue(f.git(f.repo, "worktree", "list").contains(checkout.toString()));

        dropTheCheck(f);
        f.integrate("--wave", "45").expect(0);

        assertFalse(Files.exists(left.get(0)), "the rerun deleted the dead pass's check folder");
        assertFalse(f.git(f.repo, "worktree", "list").contains(checkout.toString()), "and pruned its worktree");
        assertEquals("A\n", f.onMain("src/a.txt"));
    }

    @Test
    void theNextPassStopsTheCheckCommandThatAPassKilledInItsCheckLeftRunning() throws Exception {
        Path started = tmp.resolve("check-started");
        WaveFixture f = dimASubmittedWithASleepingCheck(started);
        JvmProcess pass = f.passInItsCheck("45", started, "ops");
        List<ProcessHandle> check;
        try {
            pass.kill9(); // the JVM only: its check runs on, orphaned
            check = checkProcesses(started);
            assertFalse(check.isEmpty(), "kill -9 runs no hook, so the check's shell outlives its pass");
            assertTrue(check.stream().allMatch(ProcessHandle::isAlive));

            dropTheCheck(f);
            f.integrate("--wave", "45").expect(0);

            for (ProcessHandle h : check) {
                h.onExit().get(10, TimeUnit.SECONDS); // fails the test if the rerun left it running
            }
        } finally {
            WaveFixture.killInCheck(pass, started);
        }
        assertEquals("A\n", f.onMain("src/a.txt"));
    }

    @Test
    void aPassStoppedWithSigtermStopsItsCheckCommandOnTheWayOut() throws Exception {
        Path started = tmp.resolve("check-started");
        WaveFixture f = dimASubmittedWithASleepingCheck(started);
        String before = f.mainHead();
        JvmProcess pass = f.passInItsCheck("45", started, "ops");
        try {
            List<ProcessHandle> check = checkProcesses(started);
            assertFalse(check.isEmpty());

            pass.terminate(); // what timeout(1), a CI cancel or a plain kill sends

            for (ProcessHandle h : check) {
                h.onExit().get(15, TimeUnit.SECONDS); // fails the test if the check outlived its pass
            }
        } finally {
            WaveFixture.killInCheck(pass, started);
        }
        assertEquals(before, f.mainHead(), "a pass stopped in its check moves nothing");
    }

    /** Wave 45 with lane dimA submitted, and a check: that creates {@code started}, then sleeps two minutes. */
    private WaveFixture dimASubmittedWithASleepingCheck(Path started) {
        WaveFixture f = WaveFixture.create(tmp, "check: touch '" + started + "' && sleep 120\n");
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        return f;
    }

    /** lanes.yml without the check, so the rerun lands at once. */
    private void dropTheCheck(WaveFixture f) {
        f.write(f.repo, "lanes.yml", "worktree: " + tmp.resolve("wt-{wave}-{lane}") + "\n");
    }

    /** The check's shell (its command line names {@code started}) and every process under it. */
    private static List<ProcessHandle> checkProcesses(Path started) {
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(started.toString()))
                .forEach(p -> {
                    out.add(p);
                    p.descendants().forEach(out::add);
                });
        return out;
    }

    @Test
    void aPassLeavesTheCheckFolderOfAProcessThatStillRunsAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "120").start(); // another process, alive while the pass runs
        Path folder = Path.of(System.getProperty("java.io.tmpdir")).resolve("lane-check-" + other.pid() + "-4242");
        Files.createDirectories(folder.resolve("checkout"));
        try {
            WaveFixture f = WaveFixture.create(tmp);
            f.submitted("45", "dimA", "src/a.txt", "A\n");
            f.integrate("--wave", "45").expect(0);

            assertTrue(Files.isDirectory(folder.resolve("checkout")), "a running process's check folder is kept");
        } finally {
            other.destroyForcibly();
            Files.deleteIfExists(folder.resolve("checkout"));
            Files.deleteIfExists(folder);
        }
    }

    private static List<Path> checkFolders(long pid) throws IOException {
        List<Path> out = new ArrayList<>();
        Path tmpDir = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmpDir, "lane-check-" + pid + "-*")) {
            ds.forEach(out::add);
        }
        return out;
    }
}
