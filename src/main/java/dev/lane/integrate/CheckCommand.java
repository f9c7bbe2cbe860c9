package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.fs.LockFile;
import dev.lane.fs.SafeFiles;
import dev.lane.repo.GitCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the user's {@code check:} command (from lanes.yml) on a temporary checkout of a result commit.
 *
 * <p>The checkout is a detached linked worktree made with native {@code git worktree add --detach} in a fresh
 * private temp folder, and removed (with {@code git worktree prune}) when the command ends, pass or fail; both under
 * the inbox's {@code .worktrees.lock}, like every change lane makes to the worktree list, since agents may be
 * claiming lanes meanwhile and parallel adds read each other's half-written admin files. The
 * command runs with {@code sh -c} in that folder; its exit status decides. A run that takes longer than the
 * timeout ({@code checkTimeout:}) is stopped, with the processes it has running then (its descendants: one that
 * detached itself, with {@code setsid} say, is not found), and counts as failed: a hung test never holds the wave's
 * lock for good. Its output goes to a file next to the checkout (never a pipe nobody reads), of which the last lines
 * are kept. A crash can leave the temp folder and its worktree entry; {@code git worktree
 * prune} removes the entry once the folder is gone, and nothing else refers to it.
 */
final class CheckCommand {
    private final GitCli git;
    private final Path worktreesLock;
    private final String command;
    private final Duration timeout;

    CheckCommand(GitCli git, Path worktreesLock, String command, Duration timeout) {
        this.git = git;
        this.worktreesLock = worktreesLock;
        this.command = command;
        this.timeout = timeout;
    }

    /** The verdict: passed, or failed with the last lines of the command's output. */
    record Verdict(boolean passed, String outputTail) {
    }

    Verdict run(String commit) {
        Path parent;
        try {
            parent = Files.createTempDirectory("lane-check-");
        } catch (IOException e) {
            throw LaneException.internal("cannot make a temp folder for the check: " + e.getMessage(), e);
        }
        Path checkout = parent.resolve("checkout");
        try {
            LockFile.holding(worktreesLock, () -> git.ok("-c", GitCli.parallelCheckout(), "worktree", "add", "--detach",
                    "--quiet", checkout.toString(), commit));
            Path log = parent.resolve("check.log");
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(checkout.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(git.env());
            pb.environment().put("LANE_CHECK_COMMIT", commit);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(p);
                return new Verdict(false, "stopped after " + describe(timeout) + " (checkTimeout in lanes.yml)"
                        + tailOf(log));
            }
            int code = p.exitValue();
            return new Verdict(code == 0, "exit " + code + tailOf(log));
        } catch (IOException e) {
            throw LaneException.internal("cannot run the check command '" + command + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LaneException.internal("interrupted while the check command ran", e);
        } finally {
            try {
                LockFile.holding(worktreesLock, () -> git.run("worktree", "remove", "--force", "--force",
                        checkout.toString()));
            } finally {
                SafeFiles.deleteTree(parent); // even if the lock could not be had: the folder is ours
                LockFile.holding(worktreesLock, () -> git.run("worktree", "prune"));
            }
        }
    }

    /**
     * The last lines of the check's output, after a colon, or nothing if it printed nothing. The output is whatever
     * the command printed: bytes that are not UTF-8 are shown as replacement characters, never an error.
     */
    private static String tailOf(Path log) throws IOException {
        String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(output.strip().split("\n"));
        List<String> last = lines.subList(Math.max(0, lines.size() - 10), lines.size());
        return output.isBlank() ? "" : ":\n" + String.join("\n", last);
    }

    /** Stops a check that ran out of time: the processes it started first (a shell's children), then the shell. */
    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static String describe(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
