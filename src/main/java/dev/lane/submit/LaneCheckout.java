package dev.lane.submit;

import dev.lane.core.LaneException;
import dev.lane.repo.GitCli;
import dev.lane.repo.WorktreeList;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a lane's worktree must be before {@code submit} or {@code sync} commits in it: on the lane's own branch (the
 * branch is what the claim made, what sync moves and what release archives: commits on a detached HEAD or another
 * branch would be submitted, or merged, without the branch ever holding them), with no rebase half-done (which also
 * detaches HEAD) and no conflicts left unresolved (committing them would land git's conflict markers). Each refusal
 * is a usage error (exit 2) that names what git is in the middle of and how to get out of it; nothing is changed.
 */
public final class LaneCheckout {
    private LaneCheckout() {
    }

    /**
     * Refuses (exit 2) a worktree that is mid-rebase, holds unresolved conflicts, or is not on {@code branch}.
     *
     * @param command the lane command that would commit ("submit", "sync"), for the message
     */
    public static void requireReady(GitCli git, Path worktree, String branch, String command) {
        if (rebaseInProgress(git)) {
            throw LaneException.usage("a rebase is in progress in " + worktree + "; finish it (resolve, git add, "
                    + "git rebase --continue) or abort it (git rebase --abort), then run lane " + command
                    + " again. Nothing was changed.");
        }
        List<String> conflicted = Arrays.stream(git.ok("diff", "--name-only", "--diff-filter=U", "-z").out()
                .split("\0")).filter(p -> !p.isEmpty()).distinct().toList();
        if (!conflicted.isEmpty()) {
            throw LaneException.usage("the worktree " + worktree + " has unresolved conflicts:\n  "
                    + String.join("\n  ", conflicted) + "\nresolve them (edit out the conflict markers, git add), "
                    + "commit, then run lane " + command + " again. Nothing was changed.");
        }
        GitCli.Result symbolic = git.run("symbolic-ref", "-q", "HEAD");
        String expected = "refs/heads/" + branch;
        if (symbolic.ok() && symbolic.line().equals(expected)) {
            return;
        }
        String head = git.run("rev-parse", "--verify", "-q", "--short=12", "HEAD").line();
        String other = symbolic.ok() ? symbolic.line().replaceFirst("^refs/heads/", "") : null;
        String commit = other != null ? other : head.isEmpty() ? "<commit>" : head;
        String where = other != null ? "HEAD is on branch " + other
                : "HEAD is detached" + (head.isEmpty() ? "" : " at " + head);
        if (other != null && !git.run("rev-parse", "--verify", "-q", expected).ok()) {
            // The lane's branch was renamed (git branch -m): there is nothing to switch back to; rename it back.
            throw LaneException.usage("the worktree " + worktree + " is not on the lane's branch " + branch + ": "
                    + where + ", and " + branch + " no longer exists (renamed by hand?). The lane's work must be on "
                    + "its branch: rename it back (git branch -m " + other + " " + branch + "), then run lane "
                    + command + " again. Nothing was changed.");
        }
        throw LaneException.usage("the worktree " + worktree + " is not on the lane's branch " + branch + ": " + where
                + ". The lane's work must be on its branch: switch back (git switch " + branch + ") and bring any "
                + "commits made meanwhile onto it (git merge " + commit + "), then run lane " + command + " again. "
                + "Nothing was changed.");
    }

    /**
     * Where the worktree of the lane whose branch is {@code branch} went, if it is not at {@code claimed} (the path
     * its claim records) but git lists another folder that has that branch checked out: it was moved by hand
     * ({@code git worktree move}). {@code git} runs in the repository.
     */
    public static Optional<Path> movedTo(GitCli git, Path claimed, String branch) {
        try {
            return WorktreeList.withBranch(git, "refs/heads/" + branch, claimed);
        } catch (LaneException cannotList) {
            return Optional.empty(); // only a message depends on it: the caller's own refusal stands
        }
    }

    /**
     * The refusal (exit 5, nothing changed) for a lane whose worktree is not at {@code claimed}: moved (then where to,
     * and how to move it back), or gone.
     *
     * @param command the lane command, for the message ("submit", "sync", "release")
     */
    public static LaneException missing(GitCli git, Path claimed, String branch, String lane, String command) {
        return movedTo(git, claimed, branch).map(moved -> LaneException.refused("the worktree " + claimed
                + " of lane " + lane + " was moved to " + moved + " (git worktree move?); lane knows a lane's worktree "
                + "by the path it claimed. Move it back (git worktree move " + moved + " " + claimed + "), then run "
                + "lane " + command + " again. Nothing was changed."))
                .orElseGet(() -> LaneException.refused("the worktree " + claimed + " of lane " + lane + " is missing; "
                        + "release the lane (lane release --force) and claim it again"));
    }

    /**
     * Refuses (exit 5, nothing changed) a lane worktree folder that has no {@code .git} file (a clean-up of old files
     * in /tmp deleted it): git no longer sees a worktree there, so no check of its state could run. While git still
     * lists the worktree, {@code git worktree repair}, run in the repository, writes the file again; once a
     * {@code git worktree prune} dropped it (every {@code lane release} runs one), only its files are left, and the
     * way out is a forced release.
     *
     * @param repoGit git in the repository
     * @param command the lane command, for the message ("submit", "sync")
     */
    public static void requireLinked(GitCli repoGit, Path repo, Path worktree, String wave, String lane,
                                     String command) {
        if (Files.exists(worktree.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        throw LaneException.refused(unlinked(repoGit, repo, worktree, wave, lane, command) + " Nothing was changed.");
    }

    /**
     * What to say of a lane worktree folder without its {@code .git} file, and the way out ({@code command}: the lane
     * command to run again after a repair).
     */
    public static String unlinked(GitCli repoGit, Path repo, Path worktree, String wave, String lane,
                                  String command) {
        String what = "the worktree " + worktree + " of lane " + lane + " is no longer a git worktree: its .git file is "
                + "gone (a clean-up of old files in /tmp, say).";
        if (WorktreeList.lists(repoGit, worktree)) {
            return what + " git still knows it: run git -C " + repo + " worktree repair (it writes the .git file "
                    + "again), then lane " + command + " again.";
        }
        return what + " git no longer lists it either (a git worktree prune dropped it), so it cannot be repaired: its "
                + "files are all that is left of any uncommitted work (the lane's branch holds its commits). Copy out "
                + "what you need, then run lane release --wave " + wave + " --lane " + lane + " --force (it deletes the "
                + "folder and keeps the branch under refs/lane-archive/) and claim the lane again.";
    }

    /** Whether the worktree {@code git} runs in is in the middle of a rebase (git's own marker folders). */
    public static boolean rebaseInProgress(GitCli git) {
        return hasGitPath(git, "rebase-merge") || hasGitPath(git, "rebase-apply");
    }

    /** Whether the worktree {@code git} runs in is in the middle of a merge (its {@code MERGE_HEAD}). */
    public static boolean mergeInProgress(GitCli git) {
        return hasGitPath(git, "MERGE_HEAD");
    }

    private static boolean hasGitPath(GitCli git, String name) {
        return Files.exists(Path.of(git.ok("rev-parse", "--path-format=absolute", "--git-path", name).line()));
    }
}
