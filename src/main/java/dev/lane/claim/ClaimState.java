package dev.lane.claim;

/** Where a claim stands. */
public enum ClaimState {
    /** The claim folder exists but the worktree is still being made (or the claimant died while making it). */
    CLAIMING,
    /** The worktree and branch exist; the lane is the claimant's. */
    CLAIMED
}
