package dev.lane.status;

import java.time.Instant;

/**
 * One lane of the status view.
 *
 * @param lane        the lane
 * @param agent       who holds it
 * @param state       where it stands
 * @param since       when it entered that state (claim, submission or outcome time)
 * @param head        the submitted head commit, or null
 * @param sequence    the submission number (0 if none)
 * @param intents     a one-line summary of its intents ("" if none)
 * @param reason      why it was parked, or null
 * @param worktree    its worktree folder
 */
public record LaneView(String lane, String agent, LaneState state, Instant since, String head, int sequence,
                       String intents, String reason, String worktree) {
}
