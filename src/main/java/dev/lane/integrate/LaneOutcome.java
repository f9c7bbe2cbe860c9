package dev.lane.integrate;

/**
 * What a pass did with one submitted lane.
 *
 * @param lane     the lane
 * @param agent    who holds the lane: the agent of its claim (null if its claim record cannot be read)
 * @param status   integrated, parked or already-integrated
 * @param reason   why it was parked or skipped (null when integrated)
 * @param head     the submitted head commit
 * @param sequence the submission's sequence number
 * @param applied  what of its intents this pass applied (nothing unless integrated)
 * @param commit   the commit that landed its code (null if it brought no code or did not land)
 * @param note     what the lane's agent must know though nothing failed: an intent of the lane not applied, and why
 *                 (e.g. "bump 0.4.0 of lane x not applied: main is already at 0.5.0"); null if nothing
 */
public record LaneOutcome(String lane, String agent, LaneStatus status, String reason, String head, int sequence,
                          Applied applied, String commit, String note) {

    /** Intents of the lane applied by this pass. */
    public record Applied(java.util.List<String> manifest, String bump, java.util.List<String> workflows) {
        public static Applied nothing() {
            return new Applied(java.util.List.of(), null, java.util.List.of());
        }
    }
}
