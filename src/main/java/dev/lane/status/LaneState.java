package dev.lane.status;

import dev.lane.json.Labelled;

/** Where a lane stands in its wave, as the operator sees it. */
public enum LaneState implements Labelled {
    /** The claim folder exists but the worktree is still being made. */
    CLAIMING,
    /** Claimed; nothing submitted yet. */
    CLAIMED,
    /** Submitted and waiting for the integrator (or resubmitted since its last outcome). */
    SUBMITTED,
    /** Its latest submission landed on main. */
    INTEGRATED,
    /** Its latest submission was already on main. */
    ALREADY_INTEGRATED,
    /** The integrator left its latest submission out; the reason says why. */
    PARKED,
    /**
     * Its claim record cannot be read (holder, time and worktree are then unknown), or its submission record cannot;
     * the reason names the file and what to do.
     */
    DAMAGED;
}
