package dev.lane.cli;

import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimStore;
import dev.lane.claim.OrphanedWorktree;
import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.repo.GitCli;
import dev.lane.repo.MainRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Which lane a command acts on: --wave/--lane if given, else the lane whose worktree the command runs in. */
record LaneSelection(WaveId wave, LaneId lane) {

    static LaneSelection resolve(Workspace ws, Path cwd, String wave, String lane) {
        if (wave != null && lane != null) {
            return new LaneSelection(new WaveId(wave), new LaneId(lane));
        }
        if (wave != null || lane != null) {
            throw LaneException.usage("give both --wave and --lane, or neither (inside a lane's worktree)");
        }
        Path top = MainRepository.checkoutTop(cwd);
        ClaimRecord claim = top == null ? null : new ClaimStore(ws.inbox()).findByWorktree(top).orElse(null);
        if (claim == null && top != null) {
            // The record is damaged, not the folder wrong: the command reads it and says so, as with --wave and --lane.
            Optional<ClaimStore.DamagedClaim> damaged = new ClaimStore(ws.inbox()).findDamagedByWorktree(top,
                    ws::worktreePath);
            if (damaged.isPresent()) {
                return new LaneSelection(damaged.get().wave(), new LaneId(damaged.get().lane()));
            }
        }
        if (claim == null && top != null) {
            // A lane's worktree moved by hand (git worktree move): it is still on the lane's branch.
            GitCli.Result branch = ws.git().in(top).run("symbolic-ref", "-q", "HEAD");
            ClaimStore claims = new ClaimStore(ws.inbox());
            for (WaveId w : branch.ok() ? claims.waves() : List.<WaveId>of()) {
                for (ClaimRecord c : claims.scanWave(w).claims()) {
                    if (("refs/heads/" + c.branch()).equals(branch.line())) {
                        throw LaneException.usage(top + " is the worktree of lane " + c.lane() + " of wave " + w
                                + " (it has its branch " + c.branch() + " checked out), moved from " + c.worktree()
                                + ", where its claim says it is. Move it back (git worktree move " + top + " "
                                + c.worktree() + "), then run lane again there. Nothing was changed.");
                    }
                }
            }
        }
        if (claim == null && top != null) {
            orphanedWorktree(ws, top).ifPresent(claimed -> {
                throw LaneException.usage(top + " is the worktree of lane " + claimed.lane() + " of wave "
                        + claimed.wave() + " (claimed " + claimed.time() + " by " + claimed.agent() + ", says the "
                        + "ledger), but that lane has no claim now: its claim folder "
                        + ws.inbox().claimDir(new WaveId(claimed.wave()), new LaneId(claimed.lane()))
                        + " is gone (removed by hand?), so lane cannot act on it. "
                        + OrphanedWorktree.wayOut(top, branchIn(claimed.detail())) + " Nothing was changed.");
            });
        }
        if (claim == null) {
            throw LaneException.usage(cwd + " is not inside a lane's worktree; run this from the worktree that "
                    + "lane claim printed, or pass --wave and --lane");
        }
        return new LaneSelection(new WaveId(claim.wave()), new LaneId(claim.lane()));
    }

    /** The branch a {@code claimed} entry names ("worktree P, branch B, base C"), or null. */
    private static String branchIn(String claimedDetail) {
        int from = claimedDetail.indexOf(", branch ");
        int to = claimedDetail.indexOf(", base ", from + 1);
        return from < 0 || to < 0 ? null : claimedDetail.substring(from + ", branch ".length(), to);
    }

    /** The ledger's latest {@code claimed} entry that made the worktree at {@code top}, if any wave has one. */
    private static Optional<LedgerEntry> orphanedWorktree(Workspace ws, Path top) {
        String made = "worktree " + top + ",";
        LedgerEntry latest = null;
        for (WaveId w : new ClaimStore(ws.inbox()).waves()) {
            for (LedgerReader.Recorded r : LedgerReader.read(ws.inbox().ledger(w))) {
                LedgerEntry e = r.entry();
                if (e.event() == LedgerEvent.CLAIMED && e.detail().startsWith(made)
                        && (latest == null || e.time().isAfter(latest.time()))) {
                    latest = e;
                }
            }
        }
        return Optional.ofNullable(latest);
    }
}
