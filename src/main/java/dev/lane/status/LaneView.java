package dev.lane.status;

import dev.lane.intent.Intents;
import java.time.Instant;

/**
 * One lane of the status view.
 *
 * @param lane      the lane
 * @param agent     who holds it (null if its claim record is damaged)
 * @param state     where it stands
 * @param since     when it entered that state (claim, submission or outcome time; for a damaged claim record the
 *                  time its claim folder last changed, or null)
 * @param head      the submitted head commit, or null
 * @param sequence  the submission number (0 if none)
 * @param reason    why it was parked, or what is wrong with its records, or null
 * @param worktree  its worktree folder (null if its claim record is damaged)
 * @param requested the intents of its latest submission (null if it has none)
 * @param note      what the last integrate said about them though the lane landed, e.g. that its bump was not
 *                  applied and why (null if nothing)
 */
public record LaneView(String lane, String agent, LaneState state, Instant since, String head, int sequence,
                       String reason, String worktree, Intents requested, String note) {

    /** A one-line summary of its intents ("" if it has none). */
    public String intents() {
        return requested == null || requested.isEmpty() ? "" : requested.summary();
    }

    /**
     * {@link #intents()}, or with a note from the integrator: the other intents, then the note in place of the bump
     * request it is about (a bump is the only intent a pass leaves unapplied while landing the lane), so the bump is
     * never shown as if applied.
     */
    public String intentsAndNote() {
        if (note == null) {
            return intents();
        }
        Intents others = requested == null ? Intents.none()
                : new Intents(requested.manifest(), null, requested.workflows());
        return others.isEmpty() ? note : others.summary() + "; " + note;
    }
}
