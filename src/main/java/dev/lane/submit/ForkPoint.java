package dev.lane.submit;

import dev.lane.repo.GitCli;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a lane's branch forked from main, for measuring its shared-file edits ({@code submit}, {@code sync}): the
 * best common ancestor of the lane's head and main ({@code git merge-base}).
 *
 * <p>When there are several, the one on main's first-parent line. That happens to a lane that ran {@code lane sync}
 * while a pass was landing its earlier submission (or between its submit and that pass): the lane holds the main
 * commit its sync brought in, and main holds the lane's earlier head, merged after that commit. The first is the main
 * the lane last took in, whose shared files the lane holds; the lane's landed head holds the older shared files it
 * forked from, so measured against it, main's own manifest entries, bump and workflow changes would look like the
 * lane's edits (and submit's restore commit would undo them in the branch). {@code git merge-base} prints the
 * newest first, which may be either. The integrator applies the same rule through JGit
 * ({@code integrate.RepoAccess.forkPoint}): the two must agree. Read only; nothing is changed.
 */
public final class ForkPoint {
    private ForkPoint() {
    }

    /** The fork point of {@code head} from {@code main} (commits or refs), or empty if they share no history. */
    public static Optional<String> of(GitCli git, String head, String main) {
        GitCli.Result all = git.run("merge-base", "--all", head, main);
        List<String> bases = all.ok() ? all.out().lines().filter(l -> !l.isBlank()).toList() : List.of();
        if (bases.size() < 2) {
            return bases.stream().findFirst();
        }
        // main's first-parent line down to the newest commit of it that the bases hold: that one is a base, or
        // none of them is on the line
        List<String> args = new ArrayList<>(List.of("rev-list", "--first-parent", main));
        bases.forEach(b -> args.add("^" + b));
        List<String> above = git.ok(args.toArray(String[]::new)).out().lines().filter(l -> !l.isBlank()).toList();
        String reached = above.isEmpty() ? git.ok("rev-parse", main).line()
                : git.run("rev-parse", "--verify", "-q", above.get(above.size() - 1) + "^1").line();
        return Optional.of(bases.contains(reached) ? reached : bases.get(0));
    }
}
