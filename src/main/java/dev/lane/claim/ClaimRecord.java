package dev.lane.claim;

import java.time.Instant;

/**
 * The record of a claim, {@code claim.json} in the claim folder.
 *
 * @param wave      the wave
 * @param lane      the lane
 * @param agent     who claimed it
 * @param claimedAt when the claim folder was made
 * @param state     {@link ClaimState#CLAIMING} until the worktree exists
 * @param base      main's commit the lane branched from (null while claiming)
 * @param worktree  the lane's worktree folder
 * @param branch    the lane's branch name
 * @param host      the claimant's host name
 * @param pid       the claimant's process id (to tell a dead half-made claim from a live one)
 */
public record ClaimRecord(
        String wave,
        String lane,
        String agent,
        Instant claimedAt,
        ClaimState state,
        String base,
        String worktree,
        String branch,
        String host,
        long pid) {

    public ClaimRecord completed(String baseCommit) {
        return new ClaimRecord(wave, lane, agent, claimedAt, ClaimState.CLAIMED, baseCommit, worktree, branch, host, pid);
    }
}
