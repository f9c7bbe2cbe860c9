package dev.lane.status;

/** Where a lane stands in its wave, as the operator sees it. */
public enum LaneState {
    /** The claim folder exists but the worktree is still being made. */
    CLAIMING("claiming"),
    /** Claimed; nothing submitted yet. */
    CLAIMED("claimed"),
    /** Submitted and waiting for the integrator (or resubmitted since its last outcome). */
    SUBMITTED("submitted"),
    /** Its latest submission landed on main. */
    INTEGRATED("integrated"),
    /** Its latest submission was already on main. */
    ALREADY_INTEGRATED("already-integrated"),
    /** The integrator left its latest submission out; the reason says why. */
    PARKED("parked"),
    /**
     * Its claim record cannot be read (holder, time and worktree are then unknown), or its submission record cannot;
     * the reason names the file and what to do.
     */
    DAMAGED("damaged");

    private final String label;

    LaneState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
