package dev.lane.claim;

import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.inbox.Inbox;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.repo.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A git worktree of the repository that no claim holds: most often a lane's, whose claim folder was removed by hand.
 * Read only: lane never removes one (it may hold uncommitted work); it says what it is and how to get the work out.
 */
public final class OrphanedWorktree {
    private OrphanedWorktree() {
    }

    /**
     * The branch checked out in the worktree at {@code path} ("" for a detached HEAD), if {@code path} is the top of
     * a git worktree of {@code ws}'s repository.
     */
    public static Optional<String> branchAt(Workspace ws, Path path) {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) || !Files.exists(path.resolve(".git"))) {
            return Optional.empty();
        }
        GitCli in = ws.git().in(path);
        GitCli.Result where = in.run("rev-parse", "--path-format=absolute", "--git-common-dir", "--show-toplevel");
        String[] lines = where.out().strip().split("\n");
        if (!where.ok() || lines.length != 2 || !sameFile(Path.of(lines[0]), ws.repo().gitDir())
                || !sameFile(Path.of(lines[1]), path)) {
            return Optional.empty();
        }
        GitCli.Result branch = in.run("symbolic-ref", "-q", "--short", "HEAD");
        return Optional.of(branch.ok() ? branch.line() : "");
    }

    /**
     * The refusal (exit 2, nothing changed) for a command run in {@code top}, a worktree no claim names, if the ledger
     * of some wave says a claim made it: that lane's claim folder is gone (removed by hand). Names the lane from its
     * latest such {@code claimed} entry, and the way out.
     */
    public static Optional<LaneException> lostClaim(Inbox inbox, Path top) {
        String made = "worktree " + top + ",";
        LedgerEntry latest = null;
        for (WaveId w : new ClaimStore(inbox).waves()) {
            for (LedgerReader.Recorded r : LedgerReader.read(inbox.ledger(w))) {
                LedgerEntry e = r.entry();
                if (e.event() == LedgerEvent.CLAIMED && e.detail().startsWith(made)
                        && (latest == null || e.time().isAfter(latest.time()))) {
                    latest = e;
                }
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        return Optional.of(LaneException.usage(top + " is the worktree of lane " + latest.lane() + " of wave "
                + latest.wave() + " (claimed " + latest.time() + " by " + latest.agent() + ", says the ledger), but "
                + "that lane has no claim now: its claim folder "
                + inbox.claimDir(new WaveId(latest.wave()), new LaneId(latest.lane())) + " is gone (removed by "
                + "hand?), so lane cannot act on it. " + wayOut(top, branchIn(latest.detail()))
                + " Nothing was changed."));
    }

    /** The branch a {@code claimed} entry names ("worktree P, branch B, base C"), or null. */
    private static String branchIn(String claimedDetail) {
        int from = claimedDetail.indexOf(", branch ");
        int to = claimedDetail.indexOf(", base ", from + 1);
        return from < 0 || to < 0 ? null : claimedDetail.substring(from + ", branch ".length(), to);
    }

    /**
     * How to keep the work of the orphaned worktree at {@code path}, on {@code branch} (null if not known), and free
     * its path, in one paragraph.
     */
    public static String wayOut(Path path, String branch) {
        String kept = branch == null ? "<keep-name>" : "kept/" + branch;
        return "To go on with its work: commit it there, keep its branch under another name (git branch -m "
                + (branch == null ? "<branch>" : branch) + " " + kept + "), remove the worktree from the main checkout "
                + "(git worktree remove " + path + "), claim the lane again, and take the work back in the new "
                + "worktree (git merge " + kept + ").";
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
