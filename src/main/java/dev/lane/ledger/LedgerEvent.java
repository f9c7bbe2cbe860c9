package dev.lane.ledger;

import java.util.Arrays;
import java.util.Optional;

/** What happened, as written in the ledger's "event" column. The labels are part of the ledger format. */
public enum LedgerEvent {
    CLAIMED("claimed"),
    CLAIM_ROLLED_BACK("claim-rolled-back"),
    SUBMITTED("submitted"),
    RESUBMITTED("resubmitted"),
    SYNCED("synced"),
    RELEASED("released"),
    INTEGRATE_STARTED("integrate-started"),
    /** What the user's check: command did in a pass: how many runs, the outcome (before the pass's lane entries). */
    CHECKED("checked"),
    INTEGRATED("integrated"),
    ALREADY_INTEGRATED("already-integrated"),
    PARKED("parked"),
    MAIN_MOVED("main-moved"),
    /** A pass that ended normally without moving main (nothing to land): closes its integrate-started. */
    INTEGRATE_FINISHED("integrate-finished"),
    INTEGRATE_REFUSED("integrate-refused"),
    INTEGRATE_ABORTED("integrate-aborted");

    private final String label;

    LedgerEvent(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<LedgerEvent> fromLabel(String label) {
        return Arrays.stream(values()).filter(e -> e.label.equals(label)).findFirst();
    }
}
