package dev.lane.status;

import dev.lane.intent.Intents;
import dev.lane.intent.LandedIntents;
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
 * @param requested the intents of its latest submission (null if it has none): the lane's whole set since its fork
 *                  point, so also what landed with an earlier submission
 * @param note      what the last integrate said about them though the lane landed, e.g. that its bump was not
 *                  applied and why (null if nothing)
 * @param landed    what of the lane's intents landed with its earlier submissions, as their outcomes said
 *                  ({@link LandedIntents}): a pass does not apply those again
 */
public record LaneView(String lane, String agent, LaneState state, Instant since, String head, int sequence,
                       String reason, String worktree, Intents requested, String note, LandedIntents landed) {

    public LaneView {
        landed = landed == null ? LandedIntents.none() : landed;
    }

    /** A lane none of whose intents landed before. */
    public LaneView(String lane, String agent, LaneState state, Instant since, String head, int sequence,
                    String reason, String worktree, Intents requested, String note) {
        this(lane, agent, state, since, head, sequence, reason, worktree, requested, note, LandedIntents.none());
    }

    /**
     * A one-line summary of its intents ("" if it has none): those still to land, then those that landed with an
     * earlier submission ("manifest +1 (263_y.sql); landed earlier: manifest +1 (262_add_x.sql), bump minor"), so an
     * intent that landed never reads as pending.
     */
    public String intents() {
        return requested == null || requested.isEmpty() ? "" : landed.split(requested).summary();
    }

    /**
     * {@link #intents()}, or with a note from the integrator: the other intents, then the note in place of the bump
     * request it is about (a bump is the only intent a pass leaves unapplied while landing the lane), so the bump is
     * never shown as if applied; then what landed earlier.
     */
    public String intentsAndNote() {
        if (note == null) {
            return intents();
        }
        if (requested == null) {
            return note;
        }
        LandedIntents.Split split = landed.split(requested);
        Intents others = new Intents(split.pending().manifest(), null, split.pending().workflows());
        return split.withLanded(others.isEmpty() ? note : others.summary() + "; " + note);
    }

    /**
     * The intents still to land: those of its latest submission that no earlier one landed, nothing once the latest
     * landed (integrated or already integrated), or null if it has not submitted.
     */
    public Intents pending() {
        if (requested == null) {
            return null;
        }
        return state == LaneState.INTEGRATED || state == LaneState.ALREADY_INTEGRATED ? Intents.none()
                : landed.split(requested).pending();
    }

    /** The intents of its latest submission that landed with an earlier one, or null if it has not submitted. */
    public Intents landedEarlier() {
        return requested == null ? null : landed.split(requested).landed();
    }
}
