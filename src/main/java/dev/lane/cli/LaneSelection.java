package dev.lane.cli;

import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimStore;
import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
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
        ClaimRecord claim = top == null ? null : new ClaimStore(ws.inbox()).findByWorktree(top).orElse(null);
        if (claim == null && top != null) {
            // The record is damaged, not the folder wrong: the command reads it and says so, as with --wave and --lane.
            Optional<ClaimStore.DamagedClaim> damaged = new ClaimStore(ws.inbox()).findDamagedByWorktree(top,
                    ws::worktreePath);
            if (damaged.isPresent()) {
                return new LaneSelection(damaged.get().wave(), new LaneId(damaged.get().lane()));
            }
        }
        if (claim == null) {
            throw LaneException.usage(cwd + " is not inside a lane's worktree; run this from the worktree that "
                    + "lane claim printed, or pass --wave and --lane");
        }
        return new LaneSelection(new WaveId(claim.wave()), new LaneId(claim.lane()));
    }
}
