package dev.lane.repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The worktrees git lists for a repository ({@code git worktree list --porcelain}). Read only. */
public final class WorktreeList {
    private WorktreeList() {
    }

    /** One worktree git lists: its folder, and the full name of the branch checked out there (null: none). */
    private record Listed(Path folder, String branchRef) {
    }

    /**
     * Whether git lists {@code worktree} as a worktree of the repository (it does until a {@code git worktree prune}
     * finds its {@code .git} file gone). {@code git} runs in the repository.
     */
    public static boolean lists(GitCli git, Path worktree) {
        return listed(git).stream().anyMatch(w -> w.folder().equals(worktree));
    }

    /**
     * The folder of a worktree other than {@code except} that has {@code branchRef} (a full ref name,
     * {@code refs/heads/main}) checked out, if git lists one whose folder still exists (git lists a worktree whose
     * folder was deleted until it is pruned). {@code git} runs in the repository; a failure to list is an internal
     * error quoting git.
     */
    public static Optional<Path> withBranch(GitCli git, String branchRef, Path except) {
        return listed(git).stream()
                .filter(w -> branchRef.equals(w.branchRef()) && !w.folder().equals(except)
                        && Files.isDirectory(w.folder()))
                .map(Listed::folder).findFirst();
    }

    /** What git lists, in its order: a record starts at its {@code worktree} line, {@code branch} names its branch. */
    private static List<Listed> listed(GitCli git) {
        List<Listed> listed = new ArrayList<>();
        for (String line : git.ok("worktree", "list", "--porcelain").out().split("\n")) {
            if (line.startsWith("worktree ")) {
                listed.add(new Listed(Path.of(line.substring("worktree ".length())), null));
            } else if (line.startsWith("branch ") && !listed.isEmpty()) {
                Listed last = listed.remove(listed.size() - 1);
                listed.add(new Listed(last.folder(), line.substring("branch ".length())));
            }
        }
        return listed;
    }
}
