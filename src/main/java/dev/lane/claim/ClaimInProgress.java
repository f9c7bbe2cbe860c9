package dev.lane.claim;

import dev.lane.core.Host;
import dev.lane.core.LaneException;

/**
 * The refusal of a command that needs a lane fully claimed (submit, sync) while its claim record still says
 * {@link ClaimState#CLAIMING}: its worktree may be half made. If the claimant still runs (or runs on another host,
 * where lane cannot tell), the claim is about to finish: exit 3, retry. If it is a process of this host that is gone,
 * the claim will never finish by itself and retrying cannot help: exit 5, saying how to take the lane over.
 */
public final class ClaimInProgress {
    private ClaimInProgress() {
    }

    /** The error for {@code command} on the lane of {@code claim}, which is in state CLAIMING. */
    public static LaneException refusal(ClaimRecord claim, String command) {
        String lane = "lane " + claim.lane() + " of wave " + claim.wave();
        if (Host.stateOf(claim.host(), claim.pid()) == Host.ProcessState.GONE) {
            return LaneException.refused(lane + " was never fully claimed: its claimant (agent " + claim.agent()
                    + ", pid " + claim.pid() + ") is gone, so " + command + " has nothing to work on and retrying will "
                    + "not help. Run lane claim --wave " + claim.wave() + " --lane " + claim.lane() + " to take it "
                    + "over (a claim whose claimant died is taken over), or lane release --wave " + claim.wave()
                    + " --lane " + claim.lane() + " --force to free it.");
        }
        return LaneException.contention(lane + " is still being claimed (agent " + claim.agent() + ", pid "
                + claim.pid() + " on " + claim.host() + "); retry in a moment");
    }
}
