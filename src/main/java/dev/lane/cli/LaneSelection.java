package dev.lane.cli;

import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimStore;
import dev.lane.claim.OrphanedWorktree;
import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.repo.GitCli;
import dev.lane.repo.MainRepository;
import java.nio.file.Path;
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
        ClaimStore claims = new ClaimStore(ws.inbox());
        ClaimRecord claim = top == null ? null : claims.findByWorktree(top).orElse(null);
        if (claim == null && top != null) {
            // The record is damaged, not the folder wrong: the command reads it and says so, as with --wave and --lane.
            Optional<ClaimStore.DamagedClaim> damaged = claims.findDamagedByWorktree(top, ws::worktreePath);
            if (damaged.isPresent()) {
                return new LaneSelection(damaged.get().wave(), new LaneId(damaged.get().lane()));
            }
            // A lane's worktree moved by hand (git worktree move): it is still on the lane's branch.
            GitCli.Result branch = ws.git().in(top).run("symbolic-ref", "-q", "--short", "HEAD");
            (branch.ok() ? claims.findByBranch(branch.line()) : Optional.<ClaimRecord>empty()).ifPresent(c -> {
                throw LaneException.usage(top + " is the worktree of lane " + c.lane() + " of wave " + c.wave()
                        + " (it has its branch " + c.branch() + " checked out), moved from " + c.worktree()
                        + ", where its claim says it is. Move it back (git worktree move " + top + " "
                        + c.worktree() + "), then run lane again there. Nothing was changed.");
            });
            // A lane's worktree whose claim folder was removed by hand: the ledger still names it.
            OrphanedWorktree.lostClaim(ws.inbox(), top).ifPresent(refusal -> {
                throw refusal;
            });
        }
        if (claim == null) {
            throw LaneException.usage(cwd + " is not inside a lane's worktree; run this from the worktree that "
                    + "lane claim printed, or pass --wave and --lane");
        }
        return new LaneSelection(new WaveId(claim.wave()), new LaneId(claim.lane()));
    }
}
