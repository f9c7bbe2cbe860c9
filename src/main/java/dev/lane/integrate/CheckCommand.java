package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import dev.lane.repo.GitCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the user's {@code check:} command (from lanes.yml) on a temporary checkout of a result commit.
 *
 * <p>The checkout is a detached linked worktree made with native {@code git worktree add --detach} in a fresh
 * private temp folder, and removed (with {@code git worktree prune}) when the command ends, pass or fail. The
 * command runs with {@code sh -c} in that folder; its exit status decides. A crash can leave the temp folder and
 * its worktree entry; {@code git worktree prune} removes the entry once the folder is gone, and nothing else
 * refers to it.
 */
final class CheckCommand {
    private final GitCli git;
    private final String command;

    CheckCommand(GitCli git, String command) {
        this.git = git;
        this.command = command;
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
            git.ok("worktree", "add", "--detach", "--quiet", checkout.toString(), commit);
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(checkout.toFile())
                    .redirectErrorStream(true);
            pb.environment().putAll(git.env());
            pb.environment().put("LANE_CHECK_COMMIT", commit);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            return new Verdict(code == 0, tail(new String(out, StandardCharsets.UTF_8), code));
        } catch (IOException e) {
            throw LaneException.internal("cannot run the check command '" + command + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LaneException.internal("interrupted while the check command ran", e);
        } finally {
            git.run("worktree", "remove", "--force", "--force", checkout.toString());
            SafeFiles.deleteTree(parent);
            git.run("worktree", "prune");
        }
    }

    private static String tail(String output, int code) {
        List<String> lines = Arrays.asList(output.strip().split("\n"));
        List<String> last = lines.subList(Math.max(0, lines.size() - 10), lines.size());
        return "exit " + code + (output.isBlank() ? "" : ":\n" + String.join("\n", last));
    }
}
