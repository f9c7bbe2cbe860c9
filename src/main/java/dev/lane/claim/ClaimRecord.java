package dev.lane.claim;

import dev.lane.json.JsonFields;
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

    /** The record from {@code claim.json} as {@link ClaimStore} writes it (only {@code base} may be null). */
    public static ClaimRecord fromJson(JsonFields f) {
        return new ClaimRecord(f.string("wave"), f.string("lane"), f.string("agent"), f.instant("claimedAt"),
                f.enumValue("state", ClaimState.class), f.nullableString("base"), f.string("worktree"),
                f.string("branch"), f.string("host"), f.longValue("pid"));
    }

    public ClaimRecord completed(String baseCommit) {
        return new ClaimRecord(wave, lane, agent, claimedAt, ClaimState.CLAIMED, baseCommit, worktree, branch, host, pid);
    }
}
