package dev.lane.ledger;

import dev.lane.json.Labelled;
import java.util.Optional;

/** What happened, as written in the ledger's "event" column. The labels are part of the ledger format. */
public enum LedgerEvent implements Labelled {
    CLAIMED,
    CLAIM_ROLLED_BACK,
    SUBMITTED,
    RESUBMITTED,
    SYNCED,
    RELEASED,
    INTEGRATE_STARTED,
    /** What the user's check: command did in a pass: how many runs, the outcome (before the pass's lane entries). */
    CHECKED,
    INTEGRATED,
    ALREADY_INTEGRATED,
    PARKED,
    MAIN_MOVED,
    /** A pass that ended normally without moving main (nothing to land): closes its integrate-started. */
    INTEGRATE_FINISHED,
    INTEGRATE_REFUSED,
    INTEGRATE_ABORTED;

    /** The event written exactly as {@code label} (the ledger's own spelling: no other case, no blanks). */
    public static Optional<LedgerEvent> fromLabel(String label) {
        for (LedgerEvent e : values()) {
            if (e.label().equals(label)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
