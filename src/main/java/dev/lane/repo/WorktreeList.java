package dev.lane.repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The worktrees git lists for a repository ({@code git worktree list --porcelain}). Read only. */
public final class WorktreeList {
    private WorktreeList() {
    }

    /**
     * Whether git lists {@code worktree} as a worktree of the repository (it does until a {@code git worktree prune}
     * finds its {@code .git} file gone). {@code git} runs in the repository.
     */
    public static boolean lists(GitCli git, Path worktree) {
        for (String line : git.ok("worktree", "list", "--porcelain").out().split("\n")) {
            if (line.startsWith("worktree ") && Path.of(line.substring("worktree ".length())).equals(worktree)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The folder of a worktree other than {@code except} that has {@code branchRef} (a full ref name,
     * {@code refs/heads/main}) checked out, if git lists one whose folder still exists (git lists a worktree whose
     * folder was deleted until it is pruned). {@code git} runs in the repository; a failure to list is an internal
     * error quoting git.
     */
    public static Optional<Path> withBranch(GitCli git, String branchRef, Path except) {
        Path current = null;
        for (String line : git.ok("worktree", "list", "--porcelain").out().split("\n")) {
            if (line.startsWith("worktree ")) {
                current = Path.of(line.substring("worktree ".length()));
            } else if (line.equals("branch " + branchRef) && current != null && !current.equals(except)
                    && Files.isDirectory(current)) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }
}
