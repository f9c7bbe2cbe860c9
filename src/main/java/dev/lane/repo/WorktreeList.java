package dev.lane.repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The worktrees git lists for a repository ({@code git worktree list --porcelain}). Read only. */
public final class WorktreeList {
    private WorktreeList() {
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
